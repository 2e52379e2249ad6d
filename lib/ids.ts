// Row ids made in code, for the insert paths that bypass Prisma Client (COPY, unnest):
// `@default(cuid())` is filled in by the client, not by the database. Same shape as a
// cuid: "c", a base-36 timestamp, a counter, a per-process fingerprint and randomness,
// 25 characters, roughly time-ordered.
import { randomBytes, randomInt } from "node:crypto";

const BASE = 36;
let counter = randomInt(0, BASE ** 4);
const fingerprint = (process.pid % BASE ** 2).toString(BASE).padStart(2, "0") + randomInt(0, BASE ** 2).toString(BASE).padStart(2, "0");

let pool = randomBytes(0);
let poolOffset = 0;

function randomBlock(): string {
  if (poolOffset + 6 > pool.length) {
    pool = randomBytes(6 * 4096);
    poolOffset = 0;
  }
  const value = pool.readUIntBE(poolOffset, 6);
  poolOffset += 6;
  return (value % BASE ** 8).toString(BASE).padStart(8, "0");
}

export function newId(now: number = Date.now()): string {
  counter = (counter + 1) % BASE ** 4;
  return (
    "c" +
    now.toString(BASE).padStart(8, "0").slice(-8) +
    counter.toString(BASE).padStart(4, "0") +
    fingerprint +
    randomBlock()
  );
}
