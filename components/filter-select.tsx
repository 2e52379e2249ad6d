import { showBidiControls } from "@/lib/format/split-links";

// Longer labels are cut to this many characters (the option's title keeps the whole), and
// the select is capped in width: ingestion allows 1,024-character types, and a select is
// as wide as its widest option. Labels are log text (types): their bidi controls are shown
// as escapes; the value stays as stored, since the filter matches on it.
const MAX_LABEL_LENGTH = 60;

/** A labelled <select> of a GET filter form: "" is the "any" choice; the URL keeps the rest. */
export function FilterSelect({
  label,
  name,
  value,
  options,
  anyLabel,
}: {
  label: string;
  name: string;
  value: string;
  /** Plain strings are their own labels. */
  options: readonly (string | { value: string; label: string })[];
  /** The first option, with value "": omitted when the select has no "any" choice. */
  anyLabel?: string;
}) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <select
        name={name}
        defaultValue={value}
        className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-ellipsis focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => {
          const { value: v, label: l } = typeof option === "string" ? { value: option, label: option } : option;
          const shown = showBidiControls(l);
          const chars = Array.from(shown); // code points: a cut never splits a surrogate pair
          const cut = chars.length > MAX_LABEL_LENGTH;
          return (
            <option key={v} value={v} title={cut ? shown : undefined}>
              {cut ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…` : shown}
            </option>
          );
        })}
      </select>
    </label>
  );
}
