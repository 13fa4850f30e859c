/** The HubSpot connector's public surface (see README.md). */
export { HubSpotCallError } from './call-error.ts';
export {
  type ConnectorLogger,
  createHubSpotConnector,
  type HubSpotAuth,
  type HubSpotConnectorOptions,
} from './connector.ts';
export { LimiterRegistry, sharedLimiters } from './limiter-registry.ts';
export { HUBSPOT_LIMITS, type LimitOptions, type PrivateAppTier } from './limits.ts';
export { mergeRemovals } from './mappers.ts';
export { memoryTokenLock } from './memory-token-lock.ts';
export { type OAuthAppCredentials, oauthRefresher } from './oauth.ts';
export { propertiesFor } from './read-properties.ts';
export { DEFAULT_RETRY_POLICY, decideRetry, type RetryDecision, type RetryInput } from './retry.ts';
export {
  createOAuthTokenSource,
  type RefreshTokens,
  type StoredTokens,
  staticTokenSource,
  type TokenSource,
  type WithTokenLock,
} from './token-source.ts';
export { VIGIL_APP_EVENT_TYPE, VIGIL_GROUP, VIGIL_PROPERTIES } from './vigil-properties.ts';
