import { Fragment } from "react";
import { showBidiControls, splitLinks } from "@/lib/format/split-links";

/**
 * Log text as text; http(s) URLs in it become links, nothing else ever becomes markup.
 * Bidi controls are shown as their escapes (`\u202E`), so a log line cannot make a link
 * read as another URL. Text without a link is the bare string (no wrapper element): a
 * timeline page renders hundreds of these.
 */
export function LinkedText({ text }: { text: string }) {
  const parts = splitLinks(text);
  if (parts.length === 1 && !parts[0]!.href) return showBidiControls(text);
  return (
    <>
      {parts.map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} rel="noopener noreferrer nofollow" target="_blank" className="text-sky-700 underline">
            {showBidiControls(part.text)}
          </a>
        ) : (
          <Fragment key={i}>{showBidiControls(part.text)}</Fragment>
        ),
      )}
    </>
  );
}
