/** The year's counts at the top of the board, and whether the yearly target is reached. */
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { UnitsResponse } from '../../../../shared/api/schemas';
import { viConsole as t } from '../../i18n/vi';
import { targetStatus } from '../../state/board';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '10px', alignItems: 'stretch', flexWrap: 'wrap' },
  card: {
    display: 'flex', flexDirection: 'column', justifyContent: 'center', padding: '8px 14px', minWidth: '118px',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow2,
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
  },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: '1.1' },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  expected: { borderLeftColor: tokens.colorBrandStroke1 },
  submitted: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  eligible: { borderLeftColor: tokens.colorPaletteGreenBorderActive },
  late: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  missing: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  target: {
    flexGrow: 1, display: 'flex', flexDirection: 'column', justifyContent: 'center', padding: '8px 14px', minWidth: '260px',
    borderRadius: tokens.borderRadiusLarge, fontWeight: tokens.fontWeightSemibold,
  },
  reached: { backgroundColor: tokens.colorPaletteGreenBackground1, color: tokens.colorPaletteGreenForeground1, border: `1px solid ${tokens.colorPaletteGreenBorder1}` },
  notReached: { backgroundColor: tokens.colorPaletteMarigoldBackground1, color: tokens.colorPaletteDarkOrangeForeground1, border: `1px solid ${tokens.colorPaletteMarigoldBorder1}` },
  targetSub: { fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200 },
});

const KEYS = ['expected', 'submitted', 'eligible', 'late', 'missing'] as const;

export function CountsBar({ response }: { response: UnitsResponse }) {
  const styles = useStyles();
  const target = targetStatus(response);
  return (
    <section className={styles.bar} aria-label={t.countsLabel}>
      {KEYS.map((key) => (
        <div key={key} className={mergeClasses(styles.card, styles[key])} data-count={key}>
          <span className={styles.value}>{response.counts[key]}</span>
          <span className={styles.label}>{t.counts[key]}</span>
        </div>
      ))}
      <div className={mergeClasses(styles.target, target.reached ? styles.reached : styles.notReached)} role="status" data-target={target.reached ? 'reached' : 'not-reached'}>
        <span>{target.reached ? t.targetReached(target.eligible, target.target) : t.targetNotReached(target.eligible, target.target)}</span>
        <Text className={styles.targetSub}>{t.approvedOfEligible(target.approved)}</Text>
      </div>
    </section>
  );
}
