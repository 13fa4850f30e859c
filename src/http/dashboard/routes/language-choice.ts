import type { RequestHandler } from 'express';
import { LOCALES } from '../../../i18n/index.ts';
import { LANGUAGE_COOKIE } from '../language.ts';

/**
 * The header's language switch: a page requested with `?lang=en|ja` keeps that choice
 * in a cookie (a year, this site only) and answers a redirect to the same page without
 * the parameter. Only the reader's own display changes, nothing on the server, so a
 * link is enough (no CSRF token to carry). Another value is ignored.
 */
export const languageChoice: RequestHandler = (req, res, next) => {
  const lang = req.query['lang'];
  if (req.method !== 'GET' || typeof lang !== 'string' || !(LOCALES as readonly string[]).includes(lang)) {
    next();
    return;
  }
  res.cookie(LANGUAGE_COOKIE, lang, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    maxAge: 365 * 86_400_000,
  });
  const url = new URL(req.originalUrl, 'http://vigil.local');
  url.searchParams.delete('lang');
  res.redirect(303, `${url.pathname}${url.search}`);
};
