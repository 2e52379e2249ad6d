import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { parseOidcConfig } from "./oidc-config";

const configure = (vars: Record<string, string>) => parseOidcConfig(parseEnv(vars));

describe("parseOidcConfig", () => {
  it("is off when nothing is set", () => {
    expect(configure({})).toBeNull();
    expect(configure({ OIDC_ISSUER: " ", OIDC_CLIENT_ID: "" })).toBeNull();
  });

  it("reads a full configuration, with discovery under the issuer", () => {
    expect(
      configure({ OIDC_ISSUER: "https://id.example.com/realms/acme/", OIDC_CLIENT_ID: "logdeck", OIDC_CLIENT_SECRET: "s", OIDC_PROVIDER_NAME: "Acme SSO" }),
    ).toEqual({
      providerId: "oidc",
      name: "Acme SSO",
      issuer: "https://id.example.com/realms/acme",
      discoveryUrl: "https://id.example.com/realms/acme/.well-known/openid-configuration",
      clientId: "logdeck",
      clientSecret: "s",
      scopes: ["openid", "email", "profile"],
      defaultRole: "member",
    });
  });

  it("names the provider after the issuer's host, and takes a role and scopes", () => {
    const config = configure({ OIDC_ISSUER: "https://login.example.org", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_DEFAULT_ROLE: "admin", OIDC_SCOPES: "openid,email" });
    expect(config).toMatchObject({ name: "login.example.org", defaultRole: "admin", scopes: ["openid", "email"] });
  });

  it("refuses half a configuration, naming what is missing", () => {
    expect(() => configure({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "c" })).toThrow(ConfigError);
    expect(() => configure({ OIDC_CLIENT_ID: "c" })).toThrow(/missing OIDC_ISSUER, OIDC_CLIENT_SECRET/);
  });

  it("refuses a bad role or issuer", () => {
    expect(() => configure({ OIDC_DEFAULT_ROLE: "owner" })).toThrow(/OIDC_DEFAULT_ROLE must be member or admin/);
    expect(() => configure({ OIDC_ISSUER: "id.example.com" })).toThrow(/OIDC_ISSUER must start with https:/);
  });
});
