import { z } from "zod";
import { ROLES } from "@/lib/auth/auth";

export const ZUserIdSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const ZRoleSchema = z.enum(ROLES, { message: "Choose member or admin." });

// An admin adding a user. A blank password: one is generated and shown once.
export const ZAddUserInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address." }).max(320)),
  name: z.string().trim().max(100, "Names are at most 100 characters."),
  role: ZRoleSchema,
  password: z
    .string()
    .max(256, "Passwords are at most 256 characters.")
    .refine((value) => value === "" || value.length >= 12, "Passwords are at least 12 characters (or leave it blank to generate one).")
    .transform((value) => (value === "" ? null : value)),
});

export const ZChangeRoleInputSchema = z.object({ userId: ZUserIdSchema, role: ZRoleSchema });
export const ZSetActiveInputSchema = z.object({ userId: ZUserIdSchema, active: z.enum(["true", "false"]).transform((v) => v === "true") });
export const ZResetPasswordInputSchema = z.object({ userId: ZUserIdSchema });

// A user changing their own password on /account.
export const ZChangeOwnPasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256, "Passwords are at most 256 characters."),
    newPassword: z.string().min(12, "The new password needs at least 12 characters.").max(256, "Passwords are at most 256 characters."),
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] })
  .refine((value) => value.newPassword !== value.currentPassword, { message: "The new password is the same as the current one.", path: ["newPassword"] });
