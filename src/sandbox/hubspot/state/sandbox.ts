import { randomUUID } from 'node:crypto';
import { ALL_SCOPES } from '../auth/scopes.ts';
import { PortalState } from './portal-state.ts';
import { TokenStore } from './tokens.ts';

// The whole sandbox: its portals, the OAuth app registered in it, and every token. Portal ids look
// like HubSpot hub ids; the app id like a developer app id.

export interface OAuthApp {
  appId: number;
  clientId: string;
  clientSecret: string;
}

export interface PortalEntry {
  portal: PortalState;
  privateAppToken: string;
}

export type PortalListener = (portal: PortalState) => void;

export class Sandbox {
  readonly clock: { now(): number };
  readonly portals = new Map<number, PortalState>();
  readonly apps = new Map<number, OAuthApp>();
  readonly tokens: TokenStore;
  /** The private-app token made for each portal when it was added. */
  readonly privateAppTokens = new Map<number, string>();
  /** Portals where each app is installed (an OAuth code exchange installs it). */
  readonly installs = new Map<number, Set<number>>();
  private readonly portalListeners = new Set<PortalListener>();
  private nextPortalId = 90_000_001;

  constructor(clock: { now(): number }) {
    this.clock = clock;
    this.tokens = new TokenStore(clock);
  }

  /** Adds an empty portal (a seed is loaded into it separately) with a private-app token. */
  addPortal(portalId?: number): PortalEntry {
    const id = portalId ?? this.nextPortalId++;
    if (this.portals.has(id)) throw new Error(`portal ${id} exists`);
    if (id >= this.nextPortalId) this.nextPortalId = id + 1;
    const portal = new PortalState(id, this.clock);
    this.portals.set(id, portal);
    const privateAppToken = this.tokens.createPrivateAppToken(id, ALL_SCOPES);
    this.privateAppTokens.set(id, privateAppToken);
    for (const listener of this.portalListeners) listener(portal);
    return { portal, privateAppToken };
  }

  /** Replaces a portal's state (control API reset/reseed); its tokens stay valid. */
  replacePortal(portalId: number): PortalState {
    const portal = new PortalState(portalId, this.clock);
    this.portals.set(portalId, portal);
    for (const listener of this.portalListeners) listener(portal);
    return portal;
  }

  removePortal(portalId: number): void {
    this.portals.delete(portalId);
    this.privateAppTokens.delete(portalId);
    this.tokens.revokePortal(portalId);
  }

  /** Called for every portal added or replaced later (the webhook dispatcher subscribes here). */
  onPortal(listener: PortalListener): () => void {
    this.portalListeners.add(listener);
    return () => this.portalListeners.delete(listener);
  }

  registerApp(appId = 4_000_001): OAuthApp {
    const app: OAuthApp = { appId, clientId: randomUUID(), clientSecret: randomUUID() };
    this.apps.set(appId, app);
    return app;
  }

  appByClientId(clientId: string): OAuthApp | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  install(appId: number, portalId: number): void {
    let set = this.installs.get(appId);
    if (!set) {
      set = new Set();
      this.installs.set(appId, set);
    }
    set.add(portalId);
  }

  uninstall(appId: number, portalId: number): void {
    this.installs.get(appId)?.delete(portalId);
    this.tokens.revokeApp(appId, portalId);
  }
}
