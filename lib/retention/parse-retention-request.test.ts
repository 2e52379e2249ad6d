import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/app-error";
import { parseRetentionRequest } from "./parse-retention-request";

const codeOf = (text: string) => {
  try {
    parseRetentionRequest(text);
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : "threw something else";
  }
};

describe("parseRetentionRequest", () => {
  it("reads no body, a blank one or {} as a real run", () => {
    expect(parseRetentionRequest("")).toEqual({ dryRun: false });
    expect(parseRetentionRequest("  \n")).toEqual({ dryRun: false });
    expect(parseRetentionRequest("{}")).toEqual({ dryRun: false });
  });

  it("reads dryRun", () => {
    expect(parseRetentionRequest('{"dryRun": true}')).toEqual({ dryRun: true });
    expect(parseRetentionRequest('{"dryRun": false}')).toEqual({ dryRun: false });
  });

  it.each([
    ["{not json", "400 invalid_json"],
    ['{"dryRun": "yes"}', "400 validation_failed"],
    ['{"dry_run": true}', "400 validation_failed"],
    ["null", "400 validation_failed"],
    ["[true]", "400 validation_failed"],
    // JSON.parse keeps the last key: this would otherwise be a real run.
    ['{"dryRun": true, "dryRun": false}', "400 validation_failed"],
    ['{"dryRun": true, "dry\\u0052un": false}', "400 validation_failed"],
    ['{"a": 1, "dryRun": false, "a": 2}', "400 validation_failed"],
    [JSON.stringify({ dryRun: true, pad: "x".repeat(5_000) }), "413 payload_too_large"],
  ])("refuses %s with %s", (text, expected) => {
    expect(codeOf(text)).toBe(expected);
  });

  it("reads a key named twice with the same value as that value: nothing is ambiguous", () => {
    expect(parseRetentionRequest('{"dryRun": false, "dryRun": false}')).toEqual({ dryRun: false });
  });

  it("refuses a blank body past the size limit (a mistake, not \"no body, so a real run\")", () => {
    expect(codeOf(" ".repeat(5_000))).toBe("413 payload_too_large");
  });
});
