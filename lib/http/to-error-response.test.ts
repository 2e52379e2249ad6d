import { afterEach, describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "./to-error-response";

afterEach(() => vi.restoreAllMocks());

describe("toErrorResponse", () => {
  it("answers an unexpected error with a bare 500, and logs it without the statement's bound values", async () => {
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    // As PGlite throws them: the statement and every value bound to it.
    const error = Object.assign(new Error('index row size 3088 exceeds btree version 4 maximum 2704 for index "x"'), {
      code: "54000",
      query: "INSERT …",
      params: ['[{"payload":{"card":"4111 1111 1111 1111"}}]'],
    });
    const res = toErrorResponse(error);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal_error", message: "Internal error.", details: [] } });
    const [, loggedError] = logged[0]!;
    expect(loggedError).toBeInstanceOf(Error);
    expect(loggedError).toMatchObject({ message: error.message, code: "54000", query: "INSERT …" });
    expect(loggedError).not.toHaveProperty("params");
    expect(JSON.stringify(logged)).not.toContain("4111");
  });
});
