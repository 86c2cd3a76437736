import { INestApplicationContext } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@okr/event-store';
import { CommandContext, WriteResult } from '../application/command-context';
import { Principal } from '../auth/principal';
import { ScheduleCycleCommand } from '../cycles/schedule-cycle.handler';
import { BOOTSTRAP_ADMIN_ID, DEFAULT_TENANT_ID } from '../identity/bootstrap-admin';
import { CreateUserCommand } from '../identity/create-user.handler';
import { ManualClock, EVENT_STORE } from '@okr/platform';
import { ID_GENERATOR, IdGenerator } from '../infrastructure/id-generator';
import { CreateInitiativeCommand } from '../initiatives/create-initiative.handler';
import { UpdateInitiativeCommand } from '../initiatives/update-initiative.handler';
import { AddKeyResultCommand } from '../key-results/add-key-result.handler';
import { CheckInCommand } from '../key-results/check-in.handler';
import { UpdateKeyResultCommand } from '../key-results/update-key-result.handler';
import { CreateObjectiveCommand } from '../objectives/create-objective.handler';
import { SetObjectiveParentCommand } from '../objectives/set-objective-parent.handler';
import { CreateTeamCommand } from '../teams/create-team.handler';
import {
  DAY_MS,
  DemoAction,
  DemoPlan,
  DemoSeedProgress,
  DemoSeedSummary,
  DemoSimulation,
  DemoSize,
  Random,
  buildDemoPlan,
  dayStart,
} from '@okr/demo';

export interface DemoSeedOptions extends DemoSize {
  seed: number;
  /** The real now (default: the system time): the last simulated day is its date, and nothing is recorded after it. */
  now?: Date;
  /** Called about every `progressIntervalMs` (default 1000) while seeding, and once at the end. */
  onProgress?: (progress: DemoSeedProgress) => void;
  progressIntervalMs?: number;
  /** Called after every command (e.g. to commit a batch of writes). */
  afterCommand?: () => void;
}

/** People work from 08:00 to 18:00 UTC. */
const WORK_START_MS = 8 * 60 * 60 * 1000;
const WORK_END_MS = 18 * 60 * 60 * 1000;

/**
 * Seeds a demo organisation into a running application through its CommandBus — the real command handlers,
 * deciders and event store — advancing the application's ManualClock day by day, so that every event is
 * recorded at its simulated time and by the person who did it. The application must use `clock`.
 * Only ids and a few numbers per entity are kept in memory, never the events.
 */
export async function seedDemo(app: INestApplicationContext, clock: ManualClock, options: DemoSeedOptions): Promise<DemoSeedSummary> {
  const now = options.now ?? new Date();
  const plan = buildDemoPlan({ teams: options.teams, objectives: options.objectives, days: options.days, seed: options.seed, now });
  const seeder = new DemoSeeder(app, clock, plan, now, options);
  return seeder.run();
}

class DemoSeeder {
  private readonly commands: CommandBus;
  private readonly ids: IdGenerator;
  private readonly store: EventStore;
  private readonly simulation: DemoSimulation;
  private readonly timing: Random;
  /** The principal of each planned user, once created. */
  private readonly principals: Principal[] = [];
  private readonly admin: Principal = { tenantId: DEFAULT_TENANT_ID, userId: BOOTSTRAP_ADMIN_ID, name: 'Administrator', role: 'admin' };

  private readonly userIds: string[] = [];
  private readonly teamIds: string[] = [];
  private readonly objectiveIds: string[] = [];
  private readonly keyResultIds: string[] = [];
  private readonly initiativeIds: string[] = [];
  private cycleId = '';
  /** Commands about one new objective (its alignment, its key results) share its correlation id. */
  private readonly correlations = new Map<number, string>();

  private readonly counts = { checkIns: 0, targetChanges: 0, weightChanges: 0, realignments: 0, initiativeStatusChanges: 0, commands: 0 };
  private headBefore = 0;
  private lastPosition = 0;
  private startedAt = 0;
  private lastReport = 0;
  private currentDay = 0;

  constructor(
    app: INestApplicationContext,
    private readonly clock: ManualClock,
    private readonly plan: DemoPlan,
    private readonly now: Date,
    private readonly options: DemoSeedOptions,
  ) {
    this.commands = app.get(CommandBus);
    this.ids = app.get<IdGenerator>(ID_GENERATOR);
    this.store = app.get<EventStore>(EVENT_STORE);
    this.simulation = new DemoSimulation(plan);
    this.timing = new Random(plan.seed).fork('timing');
  }

  async run(): Promise<DemoSeedSummary> {
    this.startedAt = Date.now();
    this.lastReport = this.startedAt;
    this.headBefore = await this.store.headPosition();
    this.lastPosition = this.headBefore;
    const days = this.plan.calendar.days;
    for (let day = 0; day <= days; day++) {
      this.currentDay = day;
      const actions = this.simulation.actionsFor(day);
      const times = this.timesFor(day, actions.length);
      for (let i = 0; i < actions.length; i++) {
        this.clock.set(new Date(times[i]));
        await this.perform(actions[i], day);
      }
      this.correlations.clear();
    }
    const events = (await this.store.headPosition()) - this.headBefore;
    const seconds = (Date.now() - this.startedAt) / 1000;
    this.report(true);
    return {
      companyName: this.plan.companyName,
      cycle: { id: this.cycleId, name: this.plan.calendar.name, startsOn: this.plan.calendar.startsOn, endsOn: this.plan.calendar.endsOn },
      teams: this.teamIds.length,
      users: this.userIds.length,
      objectives: this.objectiveIds.length,
      keyResults: this.keyResultIds.length,
      initiatives: this.initiativeIds.length,
      ...this.counts,
      events,
      seconds,
      eventsPerSecond: seconds > 0 ? events / seconds : events,
    };
  }

  /** Increasing instants spread over the working day; the last day (today) stops at the real now. */
  private timesFor(day: number, count: number): number[] {
    const midnight = dayStart(this.plan.calendar, day);
    let from = midnight + WORK_START_MS;
    let to = midnight + WORK_END_MS;
    if (day === this.plan.calendar.days) {
      to = Math.min(to, this.now.getTime());
      if (to - from < 60_000) from = Math.max(midnight, to - 60 * 60 * 1000);
    }
    const span = Math.max(0, to - from);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = from + Math.floor((span * (i + 0.5 + this.timing.between(-0.4, 0.4))) / count);
      times.push(Math.min(to, Math.max(from, at, times.length > 0 ? times[times.length - 1] : from)));
    }
    return times;
  }

  private context(actor: number | null, correlationId?: string): CommandContext {
    const principal = actor === null ? this.admin : this.principals[actor];
    if (!principal) throw new Error(`user ${actor} acts before being created`);
    const commandId = this.ids.next();
    return {
      principal,
      now: this.clock.now(),
      commandId,
      correlationId: correlationId ?? commandId,
    };
  }

  private async execute<R extends WriteResult>(command: Command<R>): Promise<R> {
    const result = await this.commands.execute(command);
    this.counts.commands++;
    this.options.afterCommand?.();
    if (result.position > this.lastPosition) this.lastPosition = result.position;
    if (this.options.onProgress && Date.now() - this.lastReport >= (this.options.progressIntervalMs ?? 1000)) this.report(false);
    return result;
  }

  private report(final: boolean): void {
    if (!this.options.onProgress) return;
    const nowMs = Date.now();
    if (!final) this.lastReport = nowMs;
    const elapsedMs = nowMs - this.startedAt;
    const events = this.lastPosition - this.headBefore;
    this.options.onProgress({
      day: this.currentDay,
      days: this.plan.calendar.days,
      commands: this.counts.commands,
      events,
      elapsedMs,
      eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
    });
  }

  private async perform(action: DemoAction, day: number): Promise<void> {
    try {
      await this.dispatch(action);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Demo seeding failed on simulated day ${day} (${this.clock.now().toISOString()}), action ${JSON.stringify(action)}: ${message}`,
        { cause: error },
      );
    }
  }

  private async dispatch(action: DemoAction): Promise<void> {
    const plan = this.plan;
    switch (action.kind) {
      case 'createUser': {
        const user = plan.users[action.user];
        const created = await this.execute(new CreateUserCommand(this.context(null), { name: user.name, role: 'editor' }));
        this.userIds[action.user] = created.id;
        this.principals[action.user] = { tenantId: DEFAULT_TENANT_ID, userId: created.id, name: user.name, role: 'editor' };
        return;
      }
      case 'scheduleCycle': {
        const { name, startsOn, endsOn } = plan.calendar;
        this.cycleId = (await this.execute(new ScheduleCycleCommand(this.context(action.actor), { name, startsOn, endsOn }))).id;
        return;
      }
      case 'createTeam': {
        const team = plan.teams[action.team];
        const parentTeamId = team.parentIndex === null ? null : this.teamIds[team.parentIndex];
        this.teamIds[action.team] = (
          await this.execute(new CreateTeamCommand(this.context(action.actor), { name: team.name, parentTeamId }))
        ).id;
        return;
      }
      case 'createObjective': {
        const o = plan.objectives[action.objective];
        const context = this.context(action.actor);
        this.correlations.set(action.objective, context.correlationId);
        const created = await this.execute(
          new CreateObjectiveCommand(context, {
            cycleId: this.cycleId,
            title: o.title,
            description: o.description,
            ownerId: this.userIds[o.ownerIndex],
            teamId: this.teamIds[o.teamIndex],
            kind: o.kind,
          }),
        );
        this.objectiveIds[action.objective] = created.id;
        return;
      }
      case 'alignObjective': {
        const context = this.context(action.actor, this.correlations.get(action.objective));
        await this.execute(
          new SetObjectiveParentCommand(context, this.objectiveIds[action.objective], {
            parentObjectiveId: this.objectiveIds[action.parent],
            weight: action.weight,
          }),
        );
        if (action.realignment) this.counts.realignments++;
        return;
      }
      case 'addKeyResult': {
        const kr = plan.keyResults[action.keyResult];
        const context = this.context(action.actor, this.correlations.get(kr.objectiveIndex));
        const created = await this.execute(
          new AddKeyResultCommand(context, this.objectiveIds[kr.objectiveIndex], {
            title: kr.title,
            metric: { ...kr.metric },
            weight: kr.weight,
            ownerId: this.userIds[kr.ownerIndex],
          }),
        );
        this.keyResultIds[action.keyResult] = created.id;
        return;
      }
      case 'createInitiative': {
        const initiative = plan.initiatives[action.initiative];
        const created = await this.execute(
          new CreateInitiativeCommand(this.context(action.actor), {
            title: initiative.title,
            ownerId: this.userIds[initiative.ownerIndex],
            keyResultIds: initiative.keyResultIndexes.map((k) => this.keyResultIds[k]),
          }),
        );
        this.initiativeIds[action.initiative] = created.id;
        return;
      }
      case 'checkIn': {
        const context = this.context(action.actor);
        const effectiveAt =
          action.backdateDays > 0 ? new Date(context.now.getTime() - action.backdateDays * DAY_MS).toISOString() : undefined;
        await this.execute(
          new CheckInCommand(context, this.keyResultIds[action.keyResult], {
            value: action.value,
            confidence: action.confidence,
            note: action.note,
            ...(effectiveAt ? { effectiveAt } : {}),
          }),
        );
        this.counts.checkIns++;
        return;
      }
      case 'changeTarget': {
        await this.execute(
          // The title states the target: it moves with it.
          new UpdateKeyResultCommand(this.context(action.actor), this.keyResultIds[action.keyResult], {
            title: action.title,
            target: action.target,
            reason: action.reason,
          }),
        );
        this.counts.targetChanges++;
        return;
      }
      case 'changeWeight': {
        await this.execute(
          new UpdateKeyResultCommand(this.context(action.actor), this.keyResultIds[action.keyResult], { weight: action.weight }),
        );
        this.counts.weightChanges++;
        return;
      }
      case 'setInitiativeStatus': {
        await this.execute(
          new UpdateInitiativeCommand(this.context(action.actor), this.initiativeIds[action.initiative], { status: action.status }),
        );
        this.counts.initiativeStatusChanges++;
        return;
      }
    }
  }
}
