import { splitLinks } from "@/lib/format/split-links";

/** Log text as text; http(s) URLs in it become links, nothing else ever becomes markup. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} rel="noopener noreferrer nofollow" target="_blank" className="text-sky-700 underline">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
