import { type Access, visibleInstalls } from './auth/access.ts';
import { HttpError } from './errors.ts';
import type { InstallRef, ReadModel } from './read-model.ts';

/**
 * Which portal a request is about, among those the session may see (`access`): with one
 * there is nothing to choose; with several the caller names it with `?installId=`. An
 * install the session may not see answers exactly as one that does not exist.
 */
export async function resolveInstall(
  model: ReadModel,
  installId: string | undefined,
  access: Access,
): Promise<InstallRef> {
  const installs = visibleInstalls(await model.installs(), access);
  if (installId !== undefined) {
    const found = installs.find((i) => i.id === installId);
    if (!found)
      throw new HttpError(404, 'install_not_found', `No install with id "${installId}"`, 'installId');
    return found;
  }
  const [only, ...others] = installs;
  if (only === undefined) {
    throw new HttpError(
      404,
      'no_install',
      'No CRM portal is connected yet; run `vigil start` or `vigil sync` first',
    );
  }
  if (others.length > 0) {
    throw new HttpError(
      400,
      'install_required',
      `${installs.length} portals are connected: say which with ?installId=`,
      'installId',
    );
  }
  return only;
}
