/**
 * The task pane on a workbook: loading, a workbook that is not (or no longer) a scoring
 * workbook, or the guided form with its header, deadline banner, steps and review.
 */
import {
  Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Receipt } from '../../shared/api/schemas';
import { DEFAULT_CALENDAR, type Stage } from '../../shared/deadlines/calendar';
import { deadlineRisk } from '../../shared/deadlines/risk';
import { vietnamDate } from '../../shared/deadlines/vietnamTime';
import { rawUnitValue, type FormState } from '../app/formState';
import type { WorkbookHost } from '../app/host';
import { templateIssues } from '../app/issues';
import type { SettingsStore } from '../app/settings';
import type { Step } from '../app/steps';
import type { HttpSend } from '../app/submitClient';
import { useScoringForm, type FormActions } from '../app/useScoringForm';
import { viApp, viInsert, viSubmit } from '../i18n/vi';
import { DeadlineBanner } from './DeadlineBanner';
import { IssueList } from './IssueList';
import { ProblemBar } from './ProblemBar';
import { StepFooter, StepNav } from './StepNav';
import { SummaryHeader } from './SummaryHeader';
import { CriterionStep } from './steps/CriterionStep';
import { DossierStep } from './steps/DossierStep';
import { ReviewStep } from './steps/ReviewStep';
import { UnitStep } from './steps/UnitStep';

const SubmitPanel = lazy(() => import(/* webpackChunkName: "submit" */ './SubmitPanel'));
const InsertTemplatePanel = lazy(() => import(/* webpackChunkName: "insert" */ './InsertTemplatePanel'));

const useStyles = makeStyles({
  root: {
    display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, maxWidth: '720px', marginLeft: 'auto', marginRight: 'auto',
  },
  main: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  centre: { paddingTop: tokens.spacingVerticalXXXL },
});

export interface ScoringAppProps {
  host: WorkbookHost;
  /** Today's instant, for the deadline banner (tests fix it). */
  now?: () => Date;
  send?: HttpSend;
  settingsStore?: SettingsStore;
  /** The sync service (tests set it); the origin that served the pane by default. */
  serviceUrl?: string;
}

export function ScoringApp({ host, now = () => new Date(), send, settingsStore, serviceUrl }: ScoringAppProps) {
  const styles = useStyles();
  const { state, actions } = useScoringForm(host);
  const year = vietnamDate(now()).year;

  if (state.phase === 'loading') {
    return <div className={styles.root}><Spinner className={styles.centre} label={viApp.loading} /></div>;
  }
  if (state.phase === 'failed') {
    return (
      <main className={styles.root}>
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{viApp.readFailedTitle}</MessageBarTitle>
            {state.problem?.message}
          </MessageBarBody>
          <MessageBarActions><Button onClick={() => void actions.reload()}>{viApp.reread}</Button></MessageBarActions>
        </MessageBar>
      </main>
    );
  }
  if (state.phase === 'not-scoring') {
    return (
      <main className={styles.root}>
        <ProblemBar problem={state.problem} onDismiss={actions.dismissProblem} />
        <MessageBar intent="warning" layout="multiline" data-testid="not-scoring">
          <MessageBarBody>
            <MessageBarTitle>{viInsert.notScoringTitle}</MessageBarTitle>
            <IssueList issues={state.interpretation?.errors ?? []} placed={false} />
            <Text block>{viInsert.body}</Text>
          </MessageBarBody>
        </MessageBar>
        <Suspense fallback={<Spinner label={viInsert.loadingSets} />}>
          <InsertTemplatePanel defaultYear={year} onInsert={actions.insertTemplate} />
        </Suspense>
      </main>
    );
  }
  return <ScoringForm state={state} actions={actions} host={host} now={now} send={send} settingsStore={settingsStore} serviceUrl={serviceUrl} />;
}

function ScoringForm({ state, actions, host, now, send, settingsStore, serviceUrl }: {
  state: FormState; actions: FormActions; host: WorkbookHost; now: () => Date; send?: HttpSend; settingsStore?: SettingsStore; serviceUrl?: string;
}) {
  const styles = useStyles();
  const scored = state.scored!;
  const { workbook, evaluation } = scored;
  const [submitted, setSubmitted] = useState<Partial<Record<Stage, Date>>>({});
  const [showInsert, setShowInsert] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const scoreRef = useRef<HTMLInputElement>(null);
  const focusOnStep = useRef(false);

  const risk = useMemo(() => deadlineRisk({
    calendar: DEFAULT_CALENDAR,
    year: workbook.unit.year ?? vietnamDate(now()).year,
    now: now(),
    unitKind: workbook.unit.kind,
    submitted,
    blockers: scored.eligible ? [] : evaluation.reasons,
  }), [workbook, scored.eligible, evaluation.reasons, submitted, now]);

  // Moving with the pane's own controls puts the keyboard on the new step; moving because the
  // user selected a cell in the sheet leaves the focus in the sheet.
  const go = useCallback((step: Step) => {
    focusOnStep.current = true;
    actions.goTo(step);
  }, [actions]);
  useEffect(() => {
    if (!focusOnStep.current) return;
    focusOnStep.current = false;
    (scoreRef.current ?? headingRef.current)?.focus();
  }, [state.step]);

  const onReceipt = useCallback((receipt: Receipt) => {
    if (receipt.valid) setSubmitted((prev) => ({ ...prev, [receipt.stage]: new Date(receipt.receivedAt) }));
  }, []);

  const tampered = templateIssues(workbook, scored.errors);
  const step = state.step;
  const criterion = step.kind === 'criterion' ? workbook.set.criteria.find((c) => c.number === step.number) : undefined;
  const row = step.kind === 'criterion' ? workbook.scores.find((r) => r.number === step.number) : undefined;

  return (
    <div className={styles.root}>
      <ProblemBar problem={state.problem} onDismiss={actions.dismissProblem} />
      <SummaryHeader scored={scored} saving={state.saving > 0} />
      <DeadlineBanner risk={risk} calendarTitle={DEFAULT_CALENDAR.title} />
      {tampered.length > 0 ? (
        <MessageBar intent="error" layout="multiline" data-testid="tampered">
          <MessageBarBody>
            <MessageBarTitle>{viInsert.tamperedTitle}</MessageBarTitle>
            <Text block>{viInsert.tamperedBody}</Text>
            <IssueList issues={tampered} />
          </MessageBarBody>
          <MessageBarActions>
            <Button aria-expanded={showInsert} onClick={() => setShowInsert(!showInsert)}>{viInsert.show}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {showInsert ? (
        <Suspense fallback={<Spinner label={viInsert.loadingSets} />}>
          <InsertTemplatePanel preferredSetId={workbook.set.id} defaultYear={workbook.unit.year ?? vietnamDate(now()).year} onInsert={actions.insertTemplate} />
        </Suspense>
      ) : null}
      <StepNav workbook={workbook} evaluation={evaluation} step={step} onGo={go} />
      <main className={styles.main}>
        {step.kind === 'unit' ? (
          <UnitStep
            workbook={workbook}
            raw={(field) => rawUnitValue(state.snapshot!, field)}
            errors={scored.errors}
            warnings={scored.warnings}
            onCommit={(field, text) => void actions.commitUnitField(field, text)}
            headingRef={headingRef}
          />
        ) : null}
        {criterion && row ? (
          <CriterionStep
            key={criterion.number}
            set={workbook.set}
            criterion={criterion}
            row={row}
            result={evaluation.criteria.find((r) => r.criterion.number === criterion.number)}
            errors={scored.errors}
            rejected={state.rejected[criterion.number]}
            onCommitScore={(text) => void actions.commitScore(criterion.number, text)}
            onCommitEvidence={(text) => void actions.commitEvidence(criterion.number, text)}
            headingRef={headingRef}
            scoreRef={scoreRef}
          />
        ) : null}
        {step.kind === 'dossier' ? (
          <DossierStep
            workbook={workbook}
            errors={scored.errors}
            onPresent={(item, present) => void actions.setDossierPresent(item, present)}
            onText={(item, field, text) => void actions.commitDossierText(item, field, text)}
            headingRef={headingRef}
          />
        ) : null}
        {step.kind === 'review' ? (
          <ReviewStep scored={scored} onGo={go} headingRef={headingRef}>
            <Suspense fallback={<Spinner label={viSubmit.loading} />}>
              <SubmitPanel
                host={host}
                eligible={scored.eligible}
                send={send}
                settingsStore={settingsStore}
                serviceUrl={serviceUrl}
                beforeSubmit={actions.reload}
                onReceipt={onReceipt}
              />
            </Suspense>
          </ReviewStep>
        ) : null}
      </main>
      <StepFooter workbook={workbook} step={step} onGo={go} />
    </div>
  );
}
