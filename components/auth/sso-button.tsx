import { signInWithSso } from "@/app/login/actions";

/** "Sign in with <provider>": shown only when OIDC is configured. */
export function SsoButton({ providerName, next }: { providerName: string; next?: string }) {
  return (
    <form action={signInWithSso}>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <button type="submit" className="w-full rounded border border-slate-300 px-3 py-2 font-medium text-slate-900 hover:bg-slate-100">
        Sign in with {providerName}
      </button>
    </form>
  );
}
