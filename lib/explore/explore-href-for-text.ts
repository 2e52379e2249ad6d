// The go-to box's fallback: text that names no id opens the explorer with it as the query
// (read as the query language when it is one, searched for as a phrase when it is not).
import { exploreHref } from "./explore-url";
import { parseQuery } from "@/lib/query/parse-query";
import { quotePhrase } from "@/lib/query/format-term";

export function exploreHrefForText(text: string): string {
  const trimmed = text.trim();
  let q = trimmed;
  try {
    parseQuery(trimmed);
  } catch {
    q = quotePhrase(trimmed);
  }
  return exploreHref("/explore", { q });
}
