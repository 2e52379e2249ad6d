"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/session";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { setUserActive } from "@/lib/users/set-user-active";
import { setUserPassword } from "@/lib/users/set-user-password";
import { ZAddUserInputSchema, ZChangeRoleInputSchema, ZResetPasswordInputSchema, ZSetActiveInputSchema } from "@/lib/users/user-input";

export interface AddUserState {
  error?: string;
  /** The new user; `password` only when it was generated, shown this once. */
  created?: { email: string; generatedPassword: string | null };
}

export interface UserActionState {
  error?: string;
}

export interface ResetPasswordState {
  error?: string;
  /** The new password, generated and shown to the admin this once. */
  password?: string;
}

const LAST_ADMIN = "This is the last active admin: make another user an admin first.";
const NOT_FOUND = "That user does not exist.";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A password people can type from a screen: 20 characters, 120 bits. */
const generatePassword = () => randomBytes(15).toString("base64url");

// Add a user who signs in with email and password.
export async function addUserAction(_previous: AddUserState, form: FormData): Promise<AddUserState> {
  await requireAdmin();
  const parsed = ZAddUserInputSchema.safeParse({ email: text(form, "email"), name: text(form, "name"), role: text(form, "role"), password: text(form, "password") });
  if (!parsed.success) return { error: parsed.error.issues.map((issue) => issue.message).join(" ") };
  const { email, name, role } = parsed.data;
  const generatedPassword = parsed.data.password === null ? generatePassword() : null;
  try {
    await createUser({ email, name, role, password: parsed.data.password ?? generatedPassword! });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { error: "A user with that email address already exists." };
    throw error;
  }
  revalidatePath("/admin/users");
  return { created: { email, generatedPassword } };
}

// Make a user a member or an admin.
export async function changeRoleAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  await requireAdmin();
  const parsed = ZChangeRoleInputSchema.safeParse({ userId: text(form, "userId"), role: text(form, "role") });
  if (!parsed.success) return { error: "Choose member or admin." };
  const result = await changeUserRole(parsed.data);
  if (result === "last_admin") return { error: LAST_ADMIN };
  if (result === "not_found") return { error: NOT_FOUND };
  revalidatePath("/admin/users");
  return {};
}

// Deactivate (signed out at once, no sign-in) or reactivate a user.
export async function setActiveAction(_previous: UserActionState, form: FormData): Promise<UserActionState> {
  await requireAdmin();
  const parsed = ZSetActiveInputSchema.safeParse({ userId: text(form, "userId"), active: text(form, "active") });
  if (!parsed.success) return { error: NOT_FOUND };
  const result = await setUserActive(parsed.data);
  if (result === "last_admin") return { error: LAST_ADMIN };
  if (result === "not_found") return { error: NOT_FOUND };
  revalidatePath("/admin/users");
  return {};
}

// Give a user a new, generated password and end every session of theirs (a forgotten
// password, or one that leaked). Admins change their own on /account, which asks for the
// current one.
export async function resetPasswordAction(_previous: ResetPasswordState, form: FormData): Promise<ResetPasswordState> {
  const admin = await requireAdmin();
  const parsed = ZResetPasswordInputSchema.safeParse({ userId: text(form, "userId") });
  if (!parsed.success) return { error: NOT_FOUND };
  if (parsed.data.userId === admin.id) return { error: "Change your own password on your account page." };
  const password = generatePassword();
  if ((await setUserPassword({ userId: parsed.data.userId, password })) === "not_found") return { error: NOT_FOUND };
  revalidatePath("/admin/users");
  return { password };
}
