"use client";
import { useCallback, useState } from "react";

/** Which rows of a list are open (by key): the timeline's and the explorer's. */
export function useOpenRows(initial: () => Iterable<string> = () => []) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initial()));
  const toggle = useCallback(
    (key: string) =>
      setOpen((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  return { open, toggle };
}
