import type { PipelineDef, PipelineStageDef } from './types.ts';

// Pipelines as HubSpot's pipelines v3 API returns them. The `default` deal pipeline and the `0`
// ticket pipeline carry the stage ids every new HubSpot portal has; `renewals` is a custom pipeline
// (HubSpot generates ids for custom stages; readable ids keep the seed and its tests legible).

export const DEAL_STAGE = {
  appointmentscheduled: 'appointmentscheduled',
  qualifiedtobuy: 'qualifiedtobuy',
  presentationscheduled: 'presentationscheduled',
  decisionmakerboughtin: 'decisionmakerboughtin',
  contractsent: 'contractsent',
  closedwon: 'closedwon',
  closedlost: 'closedlost',
  renewalOpen: 'renewal_open',
  renewalWon: 'renewal_won',
  renewalLost: 'renewal_lost',
} as const;

export const OPEN_SALES_STAGES = [
  DEAL_STAGE.appointmentscheduled,
  DEAL_STAGE.qualifiedtobuy,
  DEAL_STAGE.presentationscheduled,
  DEAL_STAGE.decisionmakerboughtin,
  DEAL_STAGE.contractsent,
] as const;

export const TICKET_STAGE = { new: '1', waitingOnContact: '2', waitingOnUs: '3', closed: '4' } as const;
export const OPEN_TICKET_STAGES = [
  TICKET_STAGE.new,
  TICKET_STAGE.waitingOnContact,
  TICKET_STAGE.waitingOnUs,
] as const;

function dealStage(id: string, label: string, displayOrder: number, probability: number): PipelineStageDef {
  const isClosed = probability === 1 || probability === 0 ? 'true' : 'false';
  return { id, label, displayOrder, metadata: { isClosed, probability: String(probability) } };
}

function ticketStage(id: string, label: string, displayOrder: number, closed: boolean): PipelineStageDef {
  return {
    id,
    label,
    displayOrder,
    metadata: { isClosed: closed ? 'true' : 'false', ticketState: closed ? 'CLOSED' : 'OPEN' },
  };
}

export function dealPipelines(): PipelineDef[] {
  return [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      stages: [
        dealStage(DEAL_STAGE.appointmentscheduled, 'Appointment Scheduled', 0, 0.2),
        dealStage(DEAL_STAGE.qualifiedtobuy, 'Qualified To Buy', 1, 0.4),
        dealStage(DEAL_STAGE.presentationscheduled, 'Presentation Scheduled', 2, 0.6),
        dealStage(DEAL_STAGE.decisionmakerboughtin, 'Decision Maker Bought-In', 3, 0.8),
        dealStage(DEAL_STAGE.contractsent, 'Contract Sent', 4, 0.9),
        dealStage(DEAL_STAGE.closedwon, 'Closed Won', 5, 1),
        dealStage(DEAL_STAGE.closedlost, 'Closed Lost', 6, 0),
      ],
    },
    {
      id: 'renewals',
      label: 'Renewals',
      displayOrder: 1,
      stages: [
        dealStage(DEAL_STAGE.renewalOpen, 'Renewal open', 0, 0.7),
        dealStage(DEAL_STAGE.renewalWon, 'Renewed', 1, 1),
        dealStage(DEAL_STAGE.renewalLost, 'Not renewed (churned)', 2, 0),
      ],
    },
  ];
}

export function ticketPipelines(): PipelineDef[] {
  return [
    {
      id: '0',
      label: 'Support Pipeline',
      displayOrder: 0,
      stages: [
        ticketStage(TICKET_STAGE.new, 'New', 0, false),
        ticketStage(TICKET_STAGE.waitingOnContact, 'Waiting on contact', 1, false),
        ticketStage(TICKET_STAGE.waitingOnUs, 'Waiting on us', 2, false),
        ticketStage(TICKET_STAGE.closed, 'Closed', 3, true),
      ],
    },
  ];
}
