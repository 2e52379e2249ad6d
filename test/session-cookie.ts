import { auth } from "@/lib/auth/auth";

/**
 * Signs in through better-auth's real API and returns request headers carrying the
 * session cookie, as a browser would send them.
 */
export async function signInHeaders({ email, password }: { email: string; password: string }): Promise<Headers> {
  const response = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0]);
  return new Headers({ cookie: cookies.join("; ") });
}
