/**
 * What each Word template is filled with, built from the consolidation and the year's document
 * settings. Pure: no file, no clock (the day is passed in). The tags each template can use are
 * the fields of these objects (README, "Văn bản").
 */
import { REVIEW_STATE_LABELS, type DocumentSettings, type StageSummary, type UnitStatus, type UnitsResponse } from '../../shared/api/schemas';
import { countUnits, finalStage } from '../../shared/consolidation/consolidate';
import { approvalOf, proposedList, proposedUnits, type ProposalSection } from '../../shared/consolidation/proposal';
import type { CriteriaRegistry } from '../../shared/criteria/load';
import { formatVnDateTime, parseVnDate, vietnamDate } from '../../shared/deadlines/vietnamTime';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../shared/units/kinds';
import type { CheckResult } from '../../shared/workbook/checkResult';
import { formatNumberVi } from '../../shared/util/numbers';
import { docsText, sentenceCase } from './text';

export interface DocumentRequest {
  response: UnitsResponse;
  settings: DocumentSettings;
  sets: CriteriaRegistry;
  /** The day the document is made (used when the settings give no date). */
  today: Date;
  /** A draft that also lists eligible units still waiting for review, each marked "chờ duyệt". */
  includePending?: boolean;
  /**
   * Offline (`consolidate`): the times received are the files' modification dates, there being no
   * receipt, and lateness is counted against the calendar the run used (`--calendar`, else the
   * default), which the province may not have saved anywhere; the báo cáo says both, naming that
   * calendar by its title, where it counts the late units.
   */
  fromFiles?: { calendarTitle: string };
}

/** "Đúng hạn", "Muộn 10 ngày", or after the lock: derived from the calendar in force (consolidate). */
export function latenessLabel(stage: StageSummary): string {
  if (stage.status === 'on-time') return docsText.lateness.onTime;
  if (stage.status === 'late') return stage.afterLock ? docsText.lateness.afterLock(stage.daysLate) : docsText.lateness.late(stage.daysLate);
  return docsText.lateness.none;
}

/** The settings' date in words ("ngày 05 tháng 12 năm 2026"), or undefined when they leave it to the day the document is made. */
function settingsDate(settings: DocumentSettings): string | undefined {
  const day = parseVnDate(settings.date);
  return day ? docsText.date(day.day, day.month, day.year) : undefined;
}

/** Ngày tháng năm of the province's own documents: the settings' date, else the day the document is made. */
function signingDate(settings: DocumentSettings, today: Date): string {
  const day = vietnamDate(today);
  return settingsDate(settings) ?? docsText.date(day.day, day.month, day.year);
}

/** The header: cơ quan chủ quản, cơ quan ban hành, "Số: …" and "Địa danh, ngày …" (`numberLine`, `date` as the document prints them). */
function letterhead(settings: DocumentSettings, numberLine: string, date: string) {
  return {
    parentBody: settings.parentBody.toLocaleUpperCase('vi-VN'),
    issuingBody: settings.issuingBody.toLocaleUpperCase('vi-VN'),
    issuingBodySentence: sentenceCase(settings.issuingBody),
    numberLine,
    placeDate: docsText.placeDate(settings.place, date),
  };
}

/** The header of a document the province signs: its number (or room to write it) and its signing date. */
function ownLetterhead(settings: DocumentSettings, today: Date, number: { number: string; symbol: string }) {
  return letterhead(settings, docsText.numberLine(number.number, number.symbol), signingDate(settings, today));
}

function signer(s: DocumentSettings['signer']) {
  return { signerAuthority: s.authority.toLocaleUpperCase('vi-VN'), signerTitle: s.title.toLocaleUpperCase('vi-VN'), signerName: s.name };
}

/** How a proposed unit's result reads: points out of the maximum, or criteria passed; never a bare share. */
function resultText(row: UnitStatus, section: ProposalSection): string {
  const total = row.verdict?.total ?? 0;
  const text = section.scoring === 'pass-fail' ? docsText.result.passFail(total, section.max) : docsText.result.points(total, section.max ?? row.verdict?.max ?? null);
  return row.appraised ? text + docsText.result.appraised : text;
}

export interface UnitLine {
  no: number;
  name: string;
  pending: boolean;
  /** " (chờ duyệt)" for a unit waiting for review, else empty: one tag after the name, cheaper to fill than a condition. */
  pendingMark: string;
  kind: string;
  parent: string;
  result: string;
  timing: string;
}

/**
 * The proposed units' sections as the templates' `sections` loop. Each section is numbered from 1,
 * as the recognition list (.xlsx) attached to the tờ trình numbers it: a section is a ranking of
 * its own, and the two must agree line for line.
 */
function sectionsData(sections: ProposalSection[]): { title: string; units: UnitLine[] }[] {
  return sections.map((section, i) => ({
    title: docsText.section(i + 1, section.title, section.scoring),
    units: section.units.map((p, index) => ({
      no: index + 1,
      name: p.row.unit.name,
      pending: p.pending,
      pendingMark: p.pending ? docsText.pendingMark : '',
      kind: UNIT_KIND_LABELS[p.row.unit.kind],
      parent: p.row.unit.parent,
      result: resultText(p.row, section),
      timing: latenessLabel(finalStage(p.row)),
    })),
  }));
}

function kindLabel(kind: UnitKind): string {
  return UNIT_KIND_LABELS[kind];
}

/** A unit as the báo cáo's lines and the biên bản's title name it: name, kind and xã/phường. */
function unitText(u: UnitStatus): string {
  return docsText.report.unit(u.unit.name, kindLabel(u.unit.kind), u.unit.parent);
}

/**
 * Past this many units, the báo cáo's lists of units not proposed and of units without a valid
 * report are given as counts by reason, with a reference to the consolidated workbook that names
 * each unit: a national year (100,000 units) would otherwise be a report of 100,000 lines.
 * The units proposed are always listed one by one.
 */
export const REPORT_LIST_LIMIT = 200;

/** Units with a verdict not proposed, counted by reason (the reasons of notEligibleLine, refusedLine, pendingLine). */
function notProposedCounts(rows: readonly UnitStatus[], year: number): string[] {
  const t = docsText.report;
  let notEligible = 0;
  let pending = 0;
  const refused = new Map<keyof typeof REVIEW_STATE_LABELS, number>();
  for (const u of rows) {
    const final = finalStage(u);
    if (!u.verdict!.eligible) notEligible++;
    else if (approvalOf(u) === 'refused' && final.review) refused.set(final.review, (refused.get(final.review) ?? 0) + 1);
    else pending++;
  }
  return [
    ...(notEligible > 0 ? [t.notEligibleCount(notEligible)] : []),
    ...[...refused].map(([state, count]) => t.refusedCount(count, REVIEW_STATE_LABELS[state])),
    ...(pending > 0 ? [t.pendingCount(pending)] : []),
    t.seeConsolidated(year),
  ];
}

/** Units without a valid final report, counted by reason (invalidLine, missingLine). */
function missingCounts(rows: readonly UnitStatus[], year: number): string[] {
  const t = docsText.report;
  const invalid = rows.filter((u) => finalStage(u).status === 'invalid').length;
  return [
    ...(invalid > 0 ? [t.invalidCount(invalid)] : []),
    ...(rows.length - invalid > 0 ? [t.notSubmittedCount(rows.length - invalid)] : []),
    t.seeConsolidated(year),
  ];
}

/** The báo cáo tổng hợp. */
export function reportData(request: DocumentRequest) {
  const { response, settings, today } = request;
  const sections = proposedUnits(response, { sets: request.sets, includePending: request.includePending === true });
  const proposed = proposedList(sections);
  const pending = proposed.filter((p) => p.pending).length;
  const proposedIds = new Set(proposed.map((p) => p.row.unit.id));
  const t = docsText.report;
  const issuing = sentenceCase(settings.issuingBody);
  const { counts } = response;
  const approved = response.units.filter((u) => u.verdict?.eligible && approvalOf(u) === 'approved').length;
  const kinds = UNIT_KINDS.filter((k) => response.units.some((u) => u.unit.kind === k));
  const appraised = response.units.filter((u) => u.appraised).length;

  const withVerdict = response.units.filter((u) => u.verdict && !proposedIds.has(u.unit.id));
  const notProposedLines = withVerdict.length > REPORT_LIST_LIMIT ? notProposedCounts(withVerdict, response.year) : withVerdict.map((u, i) => {
    const approval = approvalOf(u);
    const final = finalStage(u);
    if (!u.verdict!.eligible) return t.notEligibleLine(i + 1, unitText(u), u.verdict!.reasons.join(' '));
    if (approval === 'refused' && final.review) return t.refusedLine(i + 1, unitText(u), REVIEW_STATE_LABELS[final.review]);
    return t.pendingLine(i + 1, unitText(u));
  });
  const missing = response.units.filter((u) => !u.verdict);
  const missingLines = missing.length > REPORT_LIST_LIMIT ? missingCounts(missing, response.year) : missing.map((u, i) => (finalStage(u).status === 'invalid'
    ? t.invalidLine(i + 1, unitText(u))
    : t.missingLine(i + 1, unitText(u), u.risk.label)));

  return {
    ...ownLetterhead(settings, today, settings.baoCao),
    ...signer(settings.signer),
    recipients: settings.baoCao.recipients,
    year: response.year,
    draft: pending > 0 ? docsText.draftWithPending : '',
    intro: t.intro(issuing, response.year),
    intakeLines: [
      t.expected(counts.expected), t.submitted(counts.submitted), t.valid(counts.valid),
      request.fromFiles ? t.lateByFileDates(counts.late, request.fromFiles.calendarTitle) : t.late(counts.late),
      t.eligible(counts.eligible, appraised > 0), t.approved(approved),
      ...(appraised > 0 ? [t.appraised(appraised)] : []),
      ...(kinds.length > 1 ? kinds.map((k) => {
        const c = countUnits(response.units.filter((u) => u.unit.kind === k));
        return t.kindLine(kindLabel(k), c.expected, c.valid, c.eligible);
      }) : []),
    ],
    proposedIntro: pending > 0 ? t.proposedIntroDraft(proposed.length, pending) : t.proposedIntro(proposed.length, sections.length),
    sections: sectionsData(sections),
    notProposedIntro: t.notProposedIntro(withVerdict.length),
    notProposedLines,
    missingIntro: t.missingIntro(missing.length),
    missingLines,
    proposalLines: [
      proposed.length > 0 ? t.recognise(proposed.length, settings.addressee, response.year) : t.none,
      ...(proposed.length < response.yearlyTarget ? [t.belowTarget(proposed.length, response.yearlyTarget)] : []),
    ],
  };
}

/** The tờ trình đề nghị Chủ tịch UBND tỉnh công nhận. */
export function requestData(request: DocumentRequest) {
  const { response, settings, today } = request;
  const sections = proposedUnits(response, { sets: request.sets, includePending: request.includePending === true });
  const proposed = proposedList(sections);
  const pending = proposed.filter((p) => p.pending).length;
  const issuing = sentenceCase(settings.issuingBody);
  return {
    ...ownLetterhead(settings, today, settings.toTrinh),
    ...signer(settings.signer),
    recipients: settings.toTrinh.recipients,
    year: response.year,
    draft: pending > 0 ? docsText.draftWithPending : '',
    addressee: settings.addressee,
    intro: docsText.request.intro(issuing, response.year),
    proposedIntro: pending > 0 ? docsText.report.proposedIntroDraft(proposed.length, pending) : docsText.report.proposedIntro(proposed.length, sections.length),
    sections: sectionsData(sections),
    noteLines: [docsText.request.count(proposed.length)],
  };
}

/**
 * The dự thảo quyết định công nhận, the list as its annex. The People's Committee issues it: its
 * number and date are left dotted in the header as in the annex's reference, never the Công an's
 * signing date; the tờ trình it answers is cited with its number and, when the settings fix it,
 * its date (without one the tờ trình was dated the day it was downloaded, which is not known here).
 */
export function decisionData(request: DocumentRequest) {
  const { response, settings } = request;
  const q = settings.quyetDinh;
  const sections = proposedUnits(response, { sets: request.sets, includePending: request.includePending === true });
  const proposed = proposedList(sections);
  const pending = proposed.filter((p) => p.pending).length;
  const body = sentenceCase(q.issuingBody);
  return {
    ...letterhead({ ...settings, parentBody: '', issuingBody: q.issuingBody }, docsText.blankNumberLine(q.symbol), docsText.blankDate),
    ...signer(q.signer),
    recipients: q.recipients,
    year: response.year,
    draft: pending > 0 ? docsText.draftWithPending : '',
    authorityLine: docsText.decision.authority(q.signer.title, q.issuingBody),
    requestLine: docsText.decision.request(sentenceCase(settings.issuingBody), settings.toTrinh.number, settings.toTrinh.symbol, settingsDate(settings) ?? docsText.blankDate),
    count: proposed.length,
    executionLine: docsText.decision.execution(sentenceCase(settings.issuingBody)),
    annexRef: docsText.decision.annexRef(q.symbol, sentenceCase(q.signer.title), body),
    sections: sectionsData(sections),
    annexCount: docsText.decision.annexCount(proposed.length),
  };
}

export interface AppraisalRequest {
  row: UnitStatus;
  /** The unit's own result (the counted final report before the council's scores), or null when none. */
  selfResult: CheckResult | null;
  /** The council's scores: criterion number → score. */
  appraisal: Record<number, number> | undefined;
  settings: DocumentSettings;
  sets: CriteriaRegistry;
  today: Date;
  year: number;
}

/** One unit's biên bản thẩm định: self-score and the council's score per criterion side by side, the conclusion. */
export function appraisalData(request: AppraisalRequest) {
  const { row, selfResult, appraisal, settings, sets, today, year } = request;
  const t = docsText.appraisal;
  const set = selfResult?.setId ? sets.find(selfResult.setId, selfResult.setVersion ?? undefined) : undefined;
  const passFail = set?.scoring.kind === 'pass-fail';
  const score = (value: number | null | undefined) => (value === null || value === undefined ? '' : passFail ? (value >= 1 ? t.passed : t.failed) : formatNumberVi(value));
  const criteria = (selfResult?.scores ?? []).map((s) => {
    const criterion = set?.criteria.find((c) => c.number === s.number);
    const council = appraisal?.[s.number];
    return {
      no: s.number,
      title: criterion?.title ?? '',
      max: formatNumberVi(s.max),
      self: score(s.score),
      appraisal: council === undefined ? score(s.score) : score(council),
      note: [s.hard ? t.hard : '', council !== undefined && council !== s.score ? t.changed : ''].filter(Boolean).join('; '),
    };
  });
  const final = finalStage(row);
  const verdict = row.verdict;
  const totalText = verdict?.total === null || verdict?.total === undefined ? '' : passFail ? docsText.result.passFail(verdict.total, verdict.max) : docsText.result.points(verdict.total, verdict.max);
  const conclusion = !verdict ? t.notSubmitted : verdict.eligible ? t.eligible(totalText) : t.notEligible(totalText);
  return {
    ...ownLetterhead({ ...settings, parentBody: settings.issuingBody, issuingBody: settings.bienBan.council }, today, { number: '', symbol: settings.bienBan.symbol }),
    year,
    unitName: row.unit.name,
    /** The unit with its kind and xã/phường, as the báo cáo names it: two schools of one name in two communes are two biên bản. */
    unit: unitText(row),
    kind: UNIT_KIND_LABELS[row.unit.kind],
    parent: row.unit.parent,
    setTitle: set ? `${set.title} (phiên bản ${set.version})` : selfResult?.setId ?? '',
    receivedAt: final.submittedAt ? formatVnDateTime(new Date(final.submittedAt)) : '',
    timing: latenessLabel(final),
    review: final.review ? REVIEW_STATE_LABELS[final.review] : t.notReviewed,
    intro: t.intro(settings.bienBan.council, sentenceCase(settings.issuingBody), year),
    criteria,
    maxTotal: selfResult?.max === null || selfResult?.max === undefined ? '' : formatNumberVi(selfResult.max),
    selfTotal: selfResult?.total === null || selfResult?.total === undefined ? '' : formatNumberVi(selfResult.total),
    appraisalTotal: verdict?.total === null || verdict?.total === undefined ? '' : formatNumberVi(verdict.total),
    conclusion,
    reasons: verdict && !verdict.eligible ? verdict.reasons : [],
    chair: settings.bienBan.chair,
    secretary: settings.bienBan.secretary,
  };
}

/** One unit's token slip: what a unit needs to sign in at the unit page. */
export interface TokenSlip {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string;
  token: string;
}

/** The token slips, one page per unit, in the order given. */
export function slipsData(slips: readonly TokenSlip[], serviceUrl: string, issuingBody: string) {
  const unitPage = docsText.slip.unitPage(serviceUrl);
  return {
    units: slips.map((s, i) => ({
      first: i === 0,
      name: s.name, code: s.code, kind: UNIT_KIND_LABELS[s.kind], parent: s.parent, token: s.token,
      unitPage, serviceUrl, issuingBody: issuingBody.toLocaleUpperCase('vi-VN'), issuingBodySentence: sentenceCase(issuingBody),
    })),
  };
}
