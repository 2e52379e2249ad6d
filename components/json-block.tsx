import { CopyButton } from "./copy-button";
import { LinkedText } from "./linked-text";

/** Pretty-printed JSON (or any text) as text, with a copy button. */
export function JsonBlock({ text, label }: { text: string; label: string }) {
  return (
    <div className="relative">
      <div className="mb-1 flex items-center gap-2 text-xs font-medium text-slate-500">
        <span>{label}</span>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <pre className="max-h-96 overflow-auto code-block rounded p-3 font-mono text-xs whitespace-pre-wrap break-words">
        <LinkedText text={text} />
      </pre>
    </div>
  );
}
