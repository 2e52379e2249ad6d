import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { CreateIngestKeyForm } from "@/components/admin/create-ingest-key-form";
import { IngestKeysTable } from "@/components/admin/ingest-keys-table";
import { requireAdmin } from "@/lib/auth/session";
import { findIngestKeys } from "@/lib/ingest-keys/find-ingest-keys";
import { findProjectChoices } from "@/lib/ingest-keys/find-project-choices";

export const metadata: Metadata = { title: "Ingest keys" };
export const dynamic = "force-dynamic";

export default async function IngestKeysPage() {
  await requireAdmin();
  const [keys, projects] = await Promise.all([findIngestKeys(), findProjectChoices()]);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-7xl space-y-8 px-6 py-8">
        <h1 className="text-xl font-semibold">Ingest keys</h1>
        <section aria-labelledby="new-key-heading" className="rounded border border-slate-200 bg-white p-4">
          <h2 id="new-key-heading" className="mb-3 font-semibold">
            New key
          </h2>
          <CreateIngestKeyForm projects={projects} />
        </section>
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-3 font-semibold">
            Keys
          </h2>
          <IngestKeysTable keys={keys} />
        </section>
      </main>
    </>
  );
}
