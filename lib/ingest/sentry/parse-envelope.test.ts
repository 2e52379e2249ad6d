import { describe, expect, it } from "vitest";
import { parseEnvelope } from "./parse-envelope";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parseEnvelope", () => {
  it("reads items with and without a length, and a last item without a trailing newline", () => {
    const envelope = parseEnvelope(bytes('{"event_id":"abc"}\n{"type":"event","length":7}\n{"a":1}\n{"type":"client_report"}\n{"x":2}'));
    expect(envelope.header).toEqual({ event_id: "abc" });
    expect(envelope.items.map((item) => [item.type, new TextDecoder().decode(item.payload)])).toEqual([
      ["event", '{"a":1}'],
      ["client_report", '{"x":2}'],
    ]);
  });

  it("takes a length in bytes, newlines inside the payload included", () => {
    const envelope = parseEnvelope(bytes('{}\n{"type":"attachment","length":4}\na\nb\n\n'));
    expect(new TextDecoder().decode(envelope.items[0]!.payload)).toBe("a\nb\n");
  });

  it.each([
    ['{}\n{"type":"event","length":500}\n{"a":1}\n', /says it is 500 bytes long, but only 8 bytes follow/],
    ['{}\n{"type":"event","length":3}\n{"a":1}\n', /not followed by a newline where its length says it ends/],
    ['{}\n{"type":"event","length":-1}\n{}\n', /must be a whole number of bytes/],
    ["not json\n", /header is not valid UTF-8 JSON/],
    ['{}\n[1]\n{}\n', /Item 0's header must be a JSON object/],
  ])("refuses %j", (text, message) => {
    expect(() => parseEnvelope(bytes(text))).toThrow(message);
  });
});
