"use client";
import { useEffect, useState } from "react";

/**
 * A time in the viewer's time zone, UTC on hover. The server renders the UTC ISO string
 * (the same text the client first renders, so hydration never mismatches); the local
 * form, and the UTC tooltip that goes with it, replace it after mount, when the browser's
 * zone is known. Its look (no wrapping, tabular figures) is app/globals.css's `time`: a
 * timeline page renders a hundred of these.
 */
export function LocalTime({ iso, withDate = true }: { iso: string; withDate?: boolean }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    setLocal(localFormat(withDate).format(new Date(iso)));
  }, [iso, withDate]);
  return (
    <time dateTime={iso} title={local === null ? undefined : `${iso} (UTC)`}>
      {local ?? iso.replace("T", " ").replace("Z", " UTC")}
    </time>
  );
}

// One formatter per shape for the page: a timeline shows hundreds of times, and making an
// Intl.DateTimeFormat costs far more than using one.
const formats = new Map<boolean, Intl.DateTimeFormat>();
function localFormat(withDate: boolean): Intl.DateTimeFormat {
  let format = formats.get(withDate);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      ...(withDate ? { year: "numeric", month: "short", day: "2-digit" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      // h23, not hour12: false, which some engines (Node's ICU for en-US) render as 24:10 after midnight.
      hourCycle: "h23",
    });
    formats.set(withDate, format);
  }
  return format;
}
