/** Styles the portal's sections share: cards, headings, small print, the verdict colours. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useSectionStyles = makeStyles({
  card: {
    display: 'flex', flexDirection: 'column', gap: '10px', padding: '16px', boxSizing: 'border-box', minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4,
  },
  heading: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  subheading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '2px' },
  issues: { margin: 0, paddingLeft: '20px', color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px 12px' },
  /** A badge whose label may wrap on a phone (Fluent's badge has a fixed height). */
  longBadge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'left', paddingTop: '1px', paddingBottom: '1px' },
});
