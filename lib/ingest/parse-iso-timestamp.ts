// Strict ISO-8601 timestamps: a date, a time and a zone (Z or ±hh:mm), every part in
// range (no 2024-02-30, no 25:00). Date.parse alone accepts too much and guesses zones.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

/** The instant `text` names, or null when it is not a complete, valid ISO-8601 timestamp. */
export function parseIsoTimestamp(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // A leap second is inserted at the end of a UTC day (23:59:60Z, or 01:59:60+02:00): taken
  // as PostgreSQL takes it, the next day's 00:00:00. At any other minute :60 is a mistake.
  if (second === 60 && (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440 !== 1439) return null;
  // Date.UTC reads years 0–99 as 1900–1999: shift such a year by 400 (the calendar's
  // period) and back.
  const shift = year < 100 ? 400 : 0;
  const time = Date.UTC(year + shift, month - 1, day, hour, minute, second, millis) - (shift ? Date.UTC(2000, 0, 1) - Date.UTC(1600, 0, 1) : 0) - offsetMinutes * 60_000;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}
