"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while hydrating, true after: for a control that only works once
 * its JavaScript runs (the theme switch, which needs the stored choice; the shortcuts
 * button), so it is rendered disabled rather than dead.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
