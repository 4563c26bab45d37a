import { makeStyles, tokens } from '@fluentui/react-components';

export const useStepStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, ':focus': { outlineStyle: 'none' } },
  meta: { color: tokens.colorNeutralForeground2 },
  text: { whiteSpace: 'pre-wrap' },
  guidance: {
    backgroundColor: tokens.colorNeutralBackground2, padding: tokens.spacingVerticalS + ' ' + tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  grow: { flexGrow: 1, minWidth: '120px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: tokens.spacingVerticalXS },
});
