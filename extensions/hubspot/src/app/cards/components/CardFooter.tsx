import { Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { CardLinks } from '../definition/card-response.ts';
import type { RescoreState } from '../hooks/useRescore.ts';
import type { CardMessageKey } from '../i18n/en.ts';
import { useCardI18n } from '../i18n/translator.ts';

const RESCORE_TEXT: Record<RescoreState, CardMessageKey> = {
  idle: 'card.rescore.idle',
  sending: 'card.rescore.sending',
  queued: 'card.rescore.queued',
  failed: 'card.rescore.failed',
};

/** When it was last scored, the "rescore now" action, and the way to Vigil's dashboard and settings. */
export function CardFooter(props: {
  scoredAt: number | null;
  now: number;
  rescore: RescoreState;
  onRescore: () => void;
  links: CardLinks;
}) {
  const i18n = useCardI18n();
  return (
    <Flex direction="column" gap="small">
      {props.scoredAt !== null && (
        <Text testId="scored-at" variant="microcopy">
          {i18n.t('card.scoredAt', { ago: i18n.ago(props.scoredAt, props.now) })}
        </Text>
      )}
      <Flex direction="row" gap="small" align="center">
        <Button
          testId="rescore"
          size="xs"
          variant="secondary"
          disabled={props.rescore === 'sending' || props.rescore === 'queued'}
          onClick={props.onRescore}
        >
          {i18n.t(RESCORE_TEXT[props.rescore])}
        </Button>
        <Link testId="dashboard" href={props.links.dashboard}>
          {i18n.t('card.link.dashboard')}
        </Link>
        <Link testId="settings" href={props.links.settings}>
          {i18n.t('card.link.settings')}
        </Link>
      </Flex>
    </Flex>
  );
}
