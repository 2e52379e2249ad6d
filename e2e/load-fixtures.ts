import type { Database } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { E2E } from "./fixtures";
import { loadAuthFixtures } from "./load-auth-fixtures";
import { loadDashboardFixtures, loadHostileTextFixtures } from "./load-dashboard-fixtures";
import { loadFirstHourFixtures } from "./load-first-hour-fixtures";

export async function loadFixtures(db: Database): Promise<void> {
  const now = Date.now();
  await createUser({ email: E2E.memberEmail, password: E2E.memberPassword, role: "member", name: "Member" });
  await db.prisma.project.create({ data: { id: E2E.project.id, name: E2E.project.name } });
  await db.prisma.run.create({
    data: { id: E2E.run.id, projectId: E2E.project.id, name: E2E.run.name, status: "succeeded", startedAt: new Date(now - 3_600_000), finishedAt: new Date(now - 600_000) },
  });
  await loadDashboardFixtures(db, now);
  await loadHostileTextFixtures(db, now);
  await loadFirstHourFixtures(db, now);
  await loadAuthFixtures(db);
}
