import { beforeEach, describe, expect, it } from "vitest";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { signInHeaders } from "@/test/session-cookie";
import { truncateAll } from "@/test/truncate";
import { changeUserRole } from "./change-user-role";
import { createUser } from "./create-user";
import { findUsers } from "./find-users";
import { setUserActive } from "./set-user-active";
import { setUserPassword } from "./set-user-password";

const password = "a-long-enough-password";

beforeEach(truncateAll);

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, and can once another admin exists", async () => {
    const first = await createUser({ email: "first@example.test", password, role: "admin" });
    expect(await changeUserRole({ userId: first.id, role: "member" })).toBe("last_admin");
    expect(await setUserActive({ userId: first.id, active: false })).toBe("last_admin");
    expect((await findUsers())[0]).toMatchObject({ role: "admin", active: true });

    const second = await createUser({ email: "second@example.test", password, role: "member" });
    expect(await changeUserRole({ userId: second.id, role: "admin" })).toBe("changed");
    expect(await changeUserRole({ userId: first.id, role: "member" })).toBe("changed");
    expect(await setUserActive({ userId: second.id, active: false })).toBe("last_admin");
  });

  it("does not count a deactivated admin as active", async () => {
    const first = await createUser({ email: "first@example.test", password, role: "admin" });
    const second = await createUser({ email: "second@example.test", password, role: "admin" });
    expect(await setUserActive({ userId: second.id, active: false })).toBe("changed");
    expect(await changeUserRole({ userId: first.id, role: "member" })).toBe("last_admin");
    // Demoting the deactivated one is fine: it takes no active admin away.
    expect(await changeUserRole({ userId: second.id, role: "member" })).toBe("changed");
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const a = await createUser({ email: "a@example.test", password, role: "admin" });
    const b = await createUser({ email: "b@example.test", password, role: "admin" });
    const results = await Promise.all([changeUserRole({ userId: a.id, role: "member" }), setUserActive({ userId: b.id, active: false })]);
    expect(results.sort()).toEqual(["changed", "last_admin"]);
    const activeAdmins = await prisma().user.count({ where: { role: "admin", banned: false } });
    expect(activeAdmins).toBe(1);
  });
});

describe("deactivating a user", () => {
  it("signs them out at once, stops their sign-in, and reactivating lets them back", async () => {
    await createUser({ email: "admin@example.test", password, role: "admin" });
    const member = await createUser({ email: "member@example.test", password, role: "member" });
    const headers = await signInHeaders({ email: member.email, password });
    expect(await getSessionUser(headers)).toMatchObject({ email: member.email, role: "member" });

    expect(await setUserActive({ userId: member.id, active: false })).toBe("changed");
    expect(await getSessionUser(headers)).toBeNull();
    expect(await prisma().session.count({ where: { userId: member.id } })).toBe(0);
    await expect(signInHeaders({ email: member.email, password })).rejects.toThrow(/sign-in failed: 403/);

    expect(await setUserActive({ userId: member.id, active: true })).toBe("changed");
    expect(await getSessionUser(await signInHeaders({ email: member.email, password }))).toMatchObject({ email: member.email });
  });

  it("answers not_found for an unknown user", async () => {
    expect(await setUserActive({ userId: "nobody", active: false })).toBe("not_found");
    expect(await changeUserRole({ userId: "nobody", role: "admin" })).toBe("not_found");
  });
});

describe("an admin resetting a password", () => {
  it("replaces the password and signs the user out everywhere", async () => {
    const member = await createUser({ email: "member@example.test", password, role: "member" });
    const sessions = [await signInHeaders({ email: member.email, password }), await signInHeaders({ email: member.email, password })];
    expect(await setUserPassword({ userId: member.id, password: "the-new-password-123" })).toBe("changed");
    for (const headers of sessions) expect(await getSessionUser(headers)).toBeNull();
    await expect(signInHeaders({ email: member.email, password })).rejects.toThrow(/sign-in failed: 401/);
    expect(await getSessionUser(await signInHeaders({ email: member.email, password: "the-new-password-123" }))).toMatchObject({ email: member.email });
    expect(await prisma().account.count({ where: { userId: member.id, providerId: "credential" } })).toBe(1);
  });

  it("gives a user who only used single sign-on a password to sign in with", async () => {
    const user = await prisma().user.create({ data: { id: "sso_user", email: "sso@example.test", name: "sso", role: "member", emailVerified: true } });
    await prisma().account.create({ data: { id: "sso_account", accountId: "idp-subject", providerId: "oidc", userId: user.id } });
    expect(await setUserPassword({ userId: user.id, password: "a-password-for-sso-user" })).toBe("changed");
    expect(await getSessionUser(await signInHeaders({ email: user.email, password: "a-password-for-sso-user" }))).toMatchObject({ email: user.email });
    expect(await prisma().account.count({ where: { userId: user.id } })).toBe(2);
  });

  it("answers not_found for an unknown user and creates nothing", async () => {
    expect(await setUserPassword({ userId: "nobody", password: "whatever-password-1" })).toBe("not_found");
    expect(await prisma().account.count()).toBe(0);
  });
});
