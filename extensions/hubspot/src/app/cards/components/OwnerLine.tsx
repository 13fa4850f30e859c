import { Text } from '@hubspot/ui-extensions';
import type { CardScore } from '../definition/card-response.ts';
import { useCardI18n } from '../i18n/translator.ts';

/**
 * Who owns the company, by name (Vigil's cache of HubSpot's owners). An owner Vigil has no
 * name for yet (new since the last sync, or removed from HubSpot) shows by id, so the rep
 * still sees that someone owns it; a company nobody owns says so, which matters for an
 * account at risk.
 */
export function OwnerLine({ score }: { score: Pick<CardScore, 'ownerId' | 'ownerName'> }) {
  const { t } = useCardI18n();
  const text =
    score.ownerId === null
      ? t('card.owner.none')
      : score.ownerName === null
        ? t('card.owner.unnamed', { id: score.ownerId })
        : t('card.owner.named', { name: score.ownerName });
  return <Text testId="owner">{text}</Text>;
}
