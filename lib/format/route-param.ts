/** A dynamic route segment as text: decoded when it is still percent-encoded, as is otherwise. */
export function routeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
