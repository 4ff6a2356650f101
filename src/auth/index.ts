/** Public entry of API tokens: creation, listing, revocation and request authentication. */
export { authenticate, createToken, listTokens, LOCAL_PRINCIPAL, revokeToken, tokenCreateSchema, tokensExist, type Principal, type TokenInfo } from './service.js';
export { bearerToken, generateToken, hashToken, TOKEN_PREFIX } from './tokens.js';
