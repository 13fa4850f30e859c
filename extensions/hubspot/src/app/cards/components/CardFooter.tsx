import { Button, Flex, Link, Text } from '@hubspot/ui-extensions';
import type { CardLinks } from '../definition/card-response.ts';
import type { RescoreState } from '../hooks/useRescore.ts';
import { formatAgo } from '../utils/format.ts';

const RESCORE_TEXT: Record<RescoreState, string> = {
  idle: 'Rescore now',
  sending: 'Asking Vigil…',
  queued: 'Rescoring…',
  failed: 'Rescore failed, try again',
};

/** When it was last scored, the "rescore now" action, and the way to Vigil's dashboard and settings. */
export function CardFooter(props: {
  scoredAt: number | null;
  now: number;
  rescore: RescoreState;
  onRescore: () => void;
  links: CardLinks;
}) {
  return (
    <Flex direction="column" gap="small">
      {props.scoredAt !== null && (
        <Text testId="scored-at" variant="microcopy">
          Last scored {formatAgo(props.scoredAt, props.now)}
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
          {RESCORE_TEXT[props.rescore]}
        </Button>
        <Link testId="dashboard" href={props.links.dashboard}>
          Open in Vigil
        </Link>
        <Link testId="settings" href={props.links.settings}>
          Scoring settings
        </Link>
      </Flex>
    </Flex>
  );
}
