import { describe, expect, it } from "vitest";
import { findDuplicateJsonKey } from "./find-duplicate-json-key";

describe("findDuplicateJsonKey", () => {
  it.each([
    ['{"dryRun": true, "dryRun": false}', "dryRun"],
    ['{"dryRun": true, "dry\\u0052un": false}', "dryRun"],
    ['{"a": {"b": 1, "b": 2}}', "b"],
    ['[{"a": 1}, {"c": [1, {"d": 1, "d": 1}]}]', "d"],
    ['{"a": "x\\"y", "b": {"a": 1}, "a": 2}', "a"],
  ])("finds it in %s", (text, key) => {
    expect(findDuplicateJsonKey(text)).toBe(key);
  });

  it.each([
    "{}",
    '{"dryRun": true}',
    '{"a": {"a": {"a": 1}}, "b": ["a", "a"]}',
    '[{"a": 1}, {"a": 2}]',
    '{"a": "\\\\", "b": "{\\"a\\": 1, \\"a\\": 2}"}',
    'true',
  ])("finds none in %s", (text) => {
    expect(findDuplicateJsonKey(text)).toBeNull();
  });
});
