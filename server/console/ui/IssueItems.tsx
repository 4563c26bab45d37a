/** A workbook's errors or warnings as a list, each with its place (sheet, cell) as far as it is known. */
import { issueLocation, type IssuePlace } from '../../../shared/workbook/issues';

export function IssueItems({ issues, className, placeClassName }: { issues: readonly IssuePlace[]; className: string; placeClassName: string }) {
  return (
    <ul className={className}>
      {issues.map((issue, i) => {
        const place = issueLocation(issue);
        return <li key={i}>{place && <><span className={placeClassName}>{place}</span>: </>}{issue.message}</li>;
      })}
    </ul>
  );
}
