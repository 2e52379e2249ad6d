"use client";

import { PageError } from "@/components/page-error";

// The error boundary of every page below the root layout.
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} />;
}
