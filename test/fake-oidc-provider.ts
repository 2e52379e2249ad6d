// A tiny OpenID Connect provider on 127.0.0.1 for tests: discovery, JWKS, and a token
// endpoint that signs an ID token (RS256) for whichever user the test says logs in next.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export interface FakeOidcUser {
  sub: string;
  email: string;
  name: string;
}

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The user the next code exchange signs in, and the nonce from the authorization URL. */
  nextLogin(login: FakeOidcUser & { nonce: string }): void;
  close(): Promise<void>;
}

export async function startFakeOidcProvider({ clientId = "logdeck-test", clientSecret = "test-secret" } = {}): Promise<FakeOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  let pending: (FakeOidcUser & { nonce: string }) | undefined;
  let issuer = "";

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && req.method === "POST") {
      if (!pending) return json(400, { error: "invalid_grant" });
      const { nonce, ...user } = pending;
      pending = undefined;
      const idToken = await new SignJWT({ ...user, email_verified: true, nonce })
        .setProtectedHeader({ alg: "RS256", kid: "test-key" })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setSubject(user.sub)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      return json(200, { access_token: "test-access-token", token_type: "Bearer", expires_in: 300, id_token: idToken });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    nextLogin: (login) => void (pending = login),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
