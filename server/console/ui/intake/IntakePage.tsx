/**
 * Bulk intake: drop many workbooks or a folder (or pick them), each file uploads on its own with
 * its progress and result; at most three at once. Each accepted file is committed by the server
 * when its request ends, so closing the page midway loses only the files not yet sent.
 */
import { useCallback, useEffect, useReducer, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { Badge, Button, makeStyles, mergeClasses, ProgressBar, Select, Text, tokens, useId, type BadgeProps } from '@fluentui/react-components';
import type { UnitRef } from '../../../../shared/api/schemas';
import { STAGES, type Stage } from '../../../../shared/deadlines/calendar';
import { verdictResultText } from '../../../../shared/scoring/verdict';
import { isUnauthorized } from '../../api/client';
import { STAGE_LABELS, viConsole as t } from '../../i18n/vi';
import { issuesNameCells } from '../../../../shared/workbook/issues';
import { dateTimeVi, kilobytesVi } from '../../state/format';
import { intakeReducer, needsUnit, nextToStart, outcomeOf, splitWorkbooks, tally, type IntakeItem, type OutcomeKind } from '../../state/intake';
import { useConsole } from '../context';
import { IssueItems } from '../IssueItems';
import { AddUnitDialog } from './AddUnitDialog';
import { filesFromDrop } from './dropFiles';

export const UPLOAD_CONCURRENCY = 3;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '1100px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  drop: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: '12px', padding: '28px',
    border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusXLarge, backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'center',
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  dropText: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  pickers: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', justifyContent: 'center' },
  stagePicker: { display: 'flex', gap: '6px', alignItems: 'center', marginRight: '8px' },
  hidden: { display: 'none' },
  summary: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: {
    display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: '4px 12px', padding: '10px 14px',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, boxShadow: tokens.shadow2,
  },
  fileName: { fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  status: { display: 'flex', alignItems: 'center', gap: '6px', justifySelf: 'end' },
  detail: { gridColumn: '1 / -1', fontSize: tokens.fontSizeBase200 },
  issues: { margin: '4px 0 0 0', paddingLeft: '18px', color: tokens.colorPaletteRedForeground1 },
  warnings: { margin: '4px 0 0 0', paddingLeft: '18px', color: tokens.colorPaletteDarkOrangeForeground1 },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  late: { color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { gridColumn: '1 / -1', display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  choice: { gridColumn: '1 / -1', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
});

const OUTCOME_BADGE: Record<OutcomeKind, Pick<BadgeProps, 'color' | 'appearance'>> = {
  accepted: { color: 'success', appearance: 'filled' },
  'new-version': { color: 'brand', appearance: 'filled' },
  duplicate: { color: 'informative', appearance: 'tint' },
  rejected: { color: 'danger', appearance: 'filled' },
  'unit-unknown': { color: 'warning', appearance: 'filled' },
  'unit-ambiguous': { color: 'warning', appearance: 'tint' },
  failed: { color: 'danger', appearance: 'outline' },
};

let nextId = 0;

export default function IntakePage() {
  const styles = useStyles();
  const { api, reloadUnits, onUnauthorized } = useConsole();
  const [items, dispatch] = useReducer(intakeReducer, []);
  const files = useRef(new Map<string, File>());
  /** Files whose request is under way (guards against starting one twice). */
  const inFlight = useRef(new Set<string>());
  const [dragging, setDragging] = useState(false);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [adding, setAdding] = useState<IntakeItem | null>(null);
  const [stage, setStage] = useState<Stage | 'auto'>('auto');
  const stageId = useId('intake-stage');
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const add = useCallback((picked: File[]) => {
    const { workbooks, skipped: notXlsx } = splitWorkbooks(picked);
    setSkipped(notXlsx.map((file) => file.name));
    const entries = workbooks.map((file) => {
      const id = `f${++nextId}`;
      files.current.set(id, file);
      return { id, fileName: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name, size: file.size, stage: stage === 'auto' ? null : stage };
    });
    if (entries.length > 0) dispatch({ type: 'add', files: entries });
  }, [stage]);

  /** The board is reloaded once a burst of answers has settled, not after every file. */
  const scheduleReload = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(reloadUnits, 600);
  }, [reloadUnits]);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  useEffect(() => {
    for (const id of nextToStart(items, UPLOAD_CONCURRENCY)) {
      const file = files.current.get(id);
      if (!file || inFlight.current.has(id)) continue;
      inFlight.current.add(id);
      dispatch({ type: 'start', id });
      const item = items.find((i) => i.id === id);
      void api.upload(file, { stage: item?.stage ?? null, unit: item?.unitCode ?? null, onProgress: (loaded, total) => dispatch({ type: 'progress', id, loaded, total }) }).then((answer) => {
        if (!answer.ok && isUnauthorized(answer.error)) onUnauthorized();
        const outcome = outcomeOf(answer);
        inFlight.current.delete(id);
        dispatch({ type: 'finish', id, outcome });
        if (outcome.kind !== 'failed' && !needsUnit(outcome.kind)) scheduleReload();
      });
    }
  }, [items, api, onUnauthorized, scheduleReload]);

  const counts = tally(items);
  useEffect(() => {
    if (!counts.running) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t.intakeLeaveWarning;
      return t.intakeLeaveWarning;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [counts.running]);

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    add(await filesFromDrop(event.dataTransfer));
  };

  const remove = (id: string) => {
    dispatch({ type: 'remove', id });
    files.current.delete(id);
  };

  return (
    <section className={styles.page} aria-labelledby="intake-title">
      <h2 id="intake-title" className={styles.title}>{t.intakeTitle}</h2>
      <Text>{t.intakeHint}</Text>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dropActive)}
        onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
        data-dropzone
      >
        <span className={styles.dropText}>{dragging ? t.dropZoneActive : t.dropZone}</span>
        <div className={styles.pickers}>
          <span className={styles.stagePicker}>
            <label htmlFor={stageId}>{t.intakeStageLabel}</label>
            <Select id={stageId} value={stage} onChange={(_, d) => setStage(d.value as Stage | 'auto')}>
              <option value="auto">{t.intakeStageAuto}</option>
              {STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
            </Select>
          </span>
          <Button appearance="primary" onClick={() => filesInput.current?.click()}>{t.chooseFiles}</Button>
          <Button onClick={() => folderInput.current?.click()}>{t.chooseFolder}</Button>
        </div>
        <input
          ref={filesInput} className={styles.hidden} type="file" multiple aria-label={t.chooseFiles} data-input="files"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => { add(Array.from(e.target.files ?? [])); e.target.value = ''; }}
        />
        <input
          ref={(el) => {
            folderInput.current = el;
            el?.setAttribute('webkitdirectory', '');
          }}
          className={styles.hidden} type="file" multiple aria-label={t.chooseFolder} data-input="folder"
          onChange={(e) => { add(Array.from(e.target.files ?? [])); e.target.value = ''; }}
        />
        {skipped.length > 0 && <Text className={styles.meta}>{t.skippedNotXlsx(skipped)}</Text>}
      </div>

      {items.length === 0 ? <Text className={styles.meta}>{t.intakeEmpty}</Text> : (
        <>
          <div className={styles.summary} role="status" aria-live="polite">
            <Text weight="semibold">{t.intakeSummary(counts.done, counts.total)}</Text>
            {(Object.keys(counts.byKind) as OutcomeKind[]).filter((k) => counts.byKind[k] > 0).map((k) => (
              <Badge key={k} {...OUTCOME_BADGE[k]}>{`${t.outcome[k]}: ${counts.byKind[k]}`}</Badge>
            ))}
            <Button size="small" appearance="subtle" onClick={() => dispatch({ type: 'clear-done' })} disabled={counts.done === 0}>{t.intakeClearDone}</Button>
          </div>
          <ul className={styles.list} aria-label={t.intakeListLabel}>
            {items.map((item) => (
              <IntakeRow key={item.id} item={item} onRetry={() => dispatch({ type: 'retry', id: item.id })} onRemove={() => remove(item.id)} onAddUnit={() => setAdding(item)} onChoose={(unitCode) => dispatch({ type: 'choose', id: item.id, unitCode })} />
            ))}
          </ul>
        </>
      )}
      {adding && (
        <AddUnitDialog
          item={adding}
          onClose={() => setAdding(null)}
          onAdded={(unitCode) => {
            dispatch({ type: 'choose', id: adding.id, unitCode });
            setAdding(null);
            reloadUnits();
          }}
        />
      )}
    </section>
  );
}

function IntakeRow({ item, onRetry, onRemove, onAddUnit, onChoose }: {
  item: IntakeItem; onRetry(): void; onRemove(): void; onAddUnit(): void; onChoose(unitCode: string): void;
}) {
  const styles = useStyles();
  const outcome = item.outcome;
  const receipt = outcome?.receipt ?? null;
  // Code and xã/phường too: two schools of one name are otherwise the same line.
  const unit = receipt?.unit;
  const unitName = unit ? t.unitWithCode(unit.code, unit.name, unit.parent) : item.fileName;
  const phaseText = item.phase === 'queued' ? t.outcome.queued : item.progress >= 1 ? t.outcome.checking : t.outcome.uploading;
  return (
    <li className={styles.item} data-file={item.fileName} data-outcome={outcome?.kind ?? item.phase}>
      <div>
        <div className={styles.fileName} title={item.fileName}>{item.fileName}</div>
        <span className={styles.meta}>{t.fileSize(kilobytesVi(item.size))}</span>
      </div>
      <div className={styles.status}>
        {outcome ? <Badge {...OUTCOME_BADGE[outcome.kind]}>{t.outcome[outcome.kind]}</Badge> : <Badge appearance="outline" color="informative">{phaseText}</Badge>}
      </div>
      {item.phase === 'uploading' && (
        <ProgressBar className={styles.detail} value={item.progress} max={1} thickness="large" aria-label={t.progressLabel(item.fileName)} />
      )}
      {outcome && (
        <div className={styles.detail}>
          {receipt && (outcome.kind === 'accepted' || outcome.kind === 'new-version') && (
            <div>
              {outcome.kind === 'accepted'
                ? t.outcomeAccepted(unitName, STAGE_LABELS[receipt.stage])
                : t.outcomeNewVersion(unitName, STAGE_LABELS[receipt.stage], receipt.version ?? 0)}{' '}
              {receipt.late && <span className={styles.late}>{t.outcomeLate(receipt.daysLate)} </span>}
              {receipt.verdict && verdictResultText(receipt.verdict) && t.outcomeVerdict(receipt.verdict.eligible, verdictResultText(receipt.verdict))}
            </div>
          )}
          {receipt && outcome.kind === 'duplicate' && <div>{t.outcomeDuplicate(unitName, dateTimeVi(receipt.receivedAt))}</div>}
          {receipt?.valid && receipt.warnings.length > 0 && (
            <>
              <div>{t.warningsHeading}</div>
              <IssueItems issues={receipt.warnings} className={styles.warnings} placeClassName={styles.cell} />
            </>
          )}
          {outcome.message && <div>{outcome.message}</div>}
          {outcome.issues.length > 0 && (
            <>
              <div>{t.rejectedHeading(issuesNameCells(outcome.issues))}</div>
              <IssueItems issues={outcome.issues} className={styles.issues} placeClassName={styles.cell} />
            </>
          )}
        </div>
      )}
      {outcome && (outcome.kind === 'failed' || needsUnit(outcome.kind) || outcome.kind === 'rejected') && (
        <UnitChoice kind={outcome.kind} candidates={outcome.candidates ?? []} onChoose={onChoose} onAddUnit={onAddUnit}>
          {outcome.kind === 'failed' && <Button size="small" onClick={onRetry}>{t.retryUpload}</Button>}
          <Button size="small" appearance="subtle" onClick={onRemove}>{t.removeItem}</Button>
        </UnitChoice>
      )}
    </li>
  );
}

/**
 * The way on for a file: several listed units fit → one button per unit (the main action; adding
 * another unit of that name is offered last, and only with a different xã/phường); no unit fits →
 * adding it is the main action, a listed unit of the same name (an unknown code) a choice beside it.
 */
function UnitChoice({ kind, candidates, onChoose, onAddUnit, children }: {
  kind: OutcomeKind; candidates: readonly UnitRef[]; onChoose(unitCode: string): void; onAddUnit(): void; children: ReactNode;
}) {
  const styles = useStyles();
  const ambiguous = kind === 'unit-ambiguous';
  const choose = candidates.filter((c) => c.code !== '').map((c) => (
    <Button key={c.code} size="small" appearance={ambiguous ? 'primary' : 'secondary'} onClick={() => onChoose(c.code)}>{t.chooseUnit(c.code, c.name, c.parent)}</Button>
  ));
  return (
    <>
      {ambiguous && <div className={styles.choice}>{t.ambiguousChoose(candidates.length)}</div>}
      {ambiguous && <div className={styles.actions} role="group" aria-label={t.ambiguousChoose(candidates.length)}>{choose}</div>}
      {kind === 'unit-unknown' && choose.length > 0 && <div className={styles.choice}>{t.unknownChoose}</div>}
      {kind === 'unit-unknown' && choose.length > 0 && <div className={styles.actions} role="group" aria-label={t.unknownChoose}>{choose}</div>}
      <div className={styles.actions}>
        {kind === 'unit-unknown' && <Button appearance="primary" size="small" onClick={onAddUnit}>{t.addUnitOffer}</Button>}
        {ambiguous && <Button size="small" onClick={onAddUnit}>{t.addUnitOfferOther}</Button>}
        {children}
      </div>
    </>
  );
}
