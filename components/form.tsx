import type { ComponentProps, ReactNode } from "react";

// The pieces every form of logdeck is made of (sign-in, users, ingest keys), one look.

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-slate-500 focus:outline-none";

/** A labelled input; every other prop goes to the <input>. */
export function TextField({ id, label, ...input }: { id: string; label: ReactNode } & Omit<ComponentProps<"input">, "id" | "className">) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} className={inputClass} {...input} />
    </div>
  );
}

/** A labelled <select> of fixed choices. */
export function SelectField({ id, label, children, ...select }: { id: string; label: ReactNode; children: ReactNode } & Omit<ComponentProps<"select">, "id" | "className">) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className={inputClass} {...select}>
        {children}
      </select>
    </div>
  );
}

/** What went wrong with the last submission, announced to screen readers. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}

/** The form's one primary button; says what it is doing while the action runs. */
export function SubmitButton({ pending, label, pendingLabel, wide = false }: { pending: boolean; label: string; pendingLabel: string; wide?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`${wide ? "w-full " : ""}rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
