import Link from "next/link";
import { showBidiControls } from "@/lib/format/split-links";

/**
 * Where this page sits: each crumb but the last is a link back up. Labels are log text
 * (project and run names, ids): a long one is cut short, all of it in its tooltip.
 */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-500">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => (
          <li key={i} className="flex min-w-0 items-center gap-1">
            {i > 0 ? <span aria-hidden="true">/</span> : null}
            {item.href ? (
              <Link href={item.href} title={showBidiControls(item.label)} className="max-w-xs truncate hover:text-slate-900 hover:underline">
                {showBidiControls(item.label)}
              </Link>
            ) : (
              <span aria-current="page" title={showBidiControls(item.label)} className="max-w-xs truncate text-slate-800">
                {showBidiControls(item.label)}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
