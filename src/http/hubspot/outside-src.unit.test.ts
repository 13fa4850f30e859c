/**
 * The unit tests that live next to their code in `webhooks/` and `extensions/` (the
 * top-level folders of DESIGN §5), run by the unit project through this file: vitest's
 * unit include only covers src/, test/ and scripts/. Importing a test file registers its
 * describe blocks here. Once the include lists `webhooks/**\/*.unit.test.ts` and
 * `extensions/**\/*.unit.test.{ts,tsx}`, this file goes.
 */
import '../../../extensions/project.unit.test.ts';
import '../../../extensions/src/app/cards/HealthCard.unit.test.tsx';
import '../../../webhooks/hubspot/plan.unit.test.ts';
import '../../../webhooks/hubspot/processing.unit.test.ts';
import '../../../webhooks/hubspot/signature.unit.test.ts';
