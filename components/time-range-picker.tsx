"use client";
// Presets and an absolute from/to for any page whose time range lives in the URL. The
// from/to fields are in the viewer's local time (UTC on hover, as every time here); the
// URL carries UTC ISO instants. Everything else in the URL (`keep`) is kept.
//
// A field the viewer did not edit keeps its instant exactly: the local form has no
// milliseconds, and in the hour a DST change repeats one local time names two instants
// (JavaScript reads it as the first), so reading it back could move the range.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

export interface RangeOption {
  value: string;
  label: string;
}

/** An instant as a `datetime-local` value in the viewer's zone, to the second. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

/** A field's instant: the one it was filled with while unchanged, else its local time read back. */
const instantOf = (value: string, initial: { local: string; iso: string }) => (value === initial.local ? new Date(initial.iso) : new Date(value));

interface TimeRangePickerProps {
  /** The page's path. */
  action: string;
  /** The URL's other parameters, kept as they are. */
  keep: [string, string][];
  presets: RangeOption[];
  /** The preset parameter's name (`range`, `window`). */
  presetParam: string;
  /** The preset in force, or null with the absolute range's ends (ISO). */
  current: { preset: string | null; from: string; to: string };
}

export function TimeRangePicker(props: TimeRangePickerProps) {
  // The pages navigate client-side, so a new range (a preset chosen, a range set, Back)
  // re-renders this picker rather than mounting a new one: keyed by the range, its fields
  // start again from the URL's. A preset's ends move with the clock on every render, so
  // under a preset the key is the preset alone, and a refresh keeps what is being typed.
  const { preset, from, to } = props.current;
  return <RangeFields key={preset ?? `${from}/${to}`} {...props} />;
}

function RangeFields({ action, keep, presets, presetParam, current }: TimeRangePickerProps) {
  const router = useRouter();
  const id = useId();
  const [initial] = useState(() => ({ from: { local: toLocalInput(current.from), iso: current.from }, to: { local: toLocalInput(current.to), iso: current.to } }));
  const [from, setFrom] = useState(initial.from.local);
  const [to, setTo] = useState(initial.to.local);
  const [problem, setProblem] = useState<string | null>(null);
  const href = (extra: [string, string][]) => {
    // The range first, then what is kept (the order links had before this picker).
    const params = new URLSearchParams([...extra, ...keep]);
    return params.size ? `${action}?${params}` : action;
  };
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Time range" className="flex overflow-hidden rounded border border-slate-300 text-sm">
        {presets.map((p) => (
          <a
            key={p.value}
            href={href([[presetParam, p.value]])}
            onClick={(event) => {
              event.preventDefault();
              router.push(href([[presetParam, p.value]]));
            }}
            aria-current={current.preset === p.value ? "page" : undefined}
            className={`px-2.5 py-1 ${current.preset === p.value ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
          >
            {p.label}
          </a>
        ))}
      </nav>
      <form
        aria-label="Custom range"
        className="flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          const a = instantOf(from, initial.from);
          const b = instantOf(to, initial.to);
          if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return setProblem("Enter both a start and an end.");
          if (a >= b) return setProblem("The start must be before the end.");
          setProblem(null);
          router.push(href([["from", a.toISOString()], ["to", b.toISOString()]]));
        }}
      >
        <label htmlFor={`${id}-from`} className="flex flex-col text-xs text-slate-600">
          From
          <input id={`${id}-from`} type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} title={`${current.from} (UTC)`} className="rounded border border-slate-300 px-1 py-0.5 text-sm" />
        </label>
        <label htmlFor={`${id}-to`} className="flex flex-col text-xs text-slate-600">
          To
          <input id={`${id}-to`} type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} title={`${current.to} (UTC)`} className="rounded border border-slate-300 px-1 py-0.5 text-sm" />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
          Set range
        </button>
        {problem ? (
          <span role="alert" className="text-xs text-red-700">
            {problem}
          </span>
        ) : null}
      </form>
    </div>
  );
}
