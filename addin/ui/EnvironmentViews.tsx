import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { viApp } from '../i18n/vi';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, maxWidth: '640px' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

/** Opened in a plain browser: say what this page is and where to open it. */
export function NotInExcel() {
  const styles = useStyles();
  return (
    <main className={styles.root} data-testid="not-in-excel">
      <h1 className={styles.title}>{viApp.title}</h1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{viApp.notInExcelTitle}</MessageBarTitle>
          <Text block>{viApp.notInExcelBody}</Text>
          <Text block>{viApp.notInExcelHelp}</Text>
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

/** An Excel without ExcelApi 1.8 (the manifest normally hides the add-in there). */
export function ExcelTooOld() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <h1 className={styles.title}>{viApp.title}</h1>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{viApp.tooOldTitle}</MessageBarTitle>
          {viApp.tooOldBody}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

/** office.js is loaded but Excel has not said it is ready yet (a slow start): keep waiting. */
export function WaitingForExcel() {
  const styles = useStyles();
  return (
    <main className={styles.root} data-testid="waiting-for-excel">
      <h1 className={styles.title}>{viApp.title}</h1>
      <Spinner label={viApp.waitingTitle} />
      <Text block>{viApp.waitingBody}</Text>
    </main>
  );
}
