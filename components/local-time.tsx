"use client";
import { useEffect, useState } from "react";

/**
 * A time in the viewer's time zone, UTC on hover. The server renders the UTC ISO string
 * (the same text the client first renders, so hydration never mismatches); the local
 * form replaces it after mount, when the browser's zone is known.
 */
export function LocalTime({ iso, withDate = true }: { iso: string; withDate?: boolean }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const date = new Date(iso);
    const format = new Intl.DateTimeFormat(undefined, {
      ...(withDate ? { year: "numeric", month: "short", day: "2-digit" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hour12: false,
    });
    setLocal(format.format(date));
  }, [iso, withDate]);
  return (
    <time dateTime={iso} title={`${iso} (UTC)`} className="whitespace-nowrap tabular-nums">
      {local ?? iso.replace("T", " ").replace("Z", " UTC")}
    </time>
  );
}
