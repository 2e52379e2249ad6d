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
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => {
          const { value: v, label: l } = typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </label>
  );
}
