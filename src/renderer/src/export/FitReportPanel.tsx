/**
 * The fit report: records that will not import as is into Shopify or
 * WooCommerce, shown before the export so the merchant can fix them first.
 */
import {
  Alert,
  Badge,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import type { FitReportPayload } from '../../../shared/ipc/channels/export.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from '../review/api.ts'
import { useLoad } from '../review/useLoad.ts'
import { ALERT_STYLES } from './styles.ts'

const PLATFORM_NAMES = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
} as const
/** Issues listed on screen; the fit report file lists all of them. */
const LISTED = 50

const RULE_LABELS: Record<string, string> = {
  'too-many-options': 'More than 3 option names',
  'too-many-variants': 'More than 100 variants',
  'duplicate-sku': 'Duplicate SKUs',
  'duplicate-handle': 'Duplicate handles',
  'missing-title': 'Missing product names',
  'missing-parent-sku': 'Variants without a parent SKU',
  'malformed-email': 'Invalid email addresses',
  'duplicate-email': 'Duplicate customer emails',
  'category-depth': 'Nested categories',
}

export function FitReportPanel({
  storeId,
  platform,
}: {
  storeId: string
  platform: 'shopify' | 'woocommerce'
}) {
  const name = PLATFORM_NAMES[platform]
  const { value: report, error } = useLoad<FitReportPayload>(
    `${storeId}:${platform}`,
    () => unwrap(getApi().previewFitReport({ storeId, platform })),
  )
  if (error) {
    return (
      <Alert
        styles={ALERT_STYLES}
        color="red"
        title={`The ${name} check failed`}
      >
        {error}
      </Alert>
    )
  }
  if (report === null)
    return <Loader size="sm" aria-label={`Checking the fit for ${name}`} />
  const rules = Object.entries(report.counts)
  return (
    <Stack gap="xs" aria-label={`${name} fit report`}>
      <Title order={3} size="h5">
        Fit for {name}
      </Title>
      <Text size="sm">
        Checked {report.checked.products} products, {report.checked.customers}{' '}
        customers and {report.checked.categories} categories.
      </Text>
      {rules.length === 0 ? (
        <Alert styles={ALERT_STYLES} color="green" title="Everything fits">
          Every record imports as it is.
        </Alert>
      ) : (
        <>
          <Group gap="xs">
            {rules.map(([rule, count]) => (
              <Badge key={rule} variant="default">
                {RULE_LABELS[rule] ?? rule}: {count}
              </Badge>
            ))}
          </Group>
          <Table striped withTableBorder fz="sm">
            <Table.Caption style={{ color: 'var(--mantine-color-text)' }}>
              The first {Math.min(LISTED, report.issues.length)} issues. The
              file fit-report.csv in the export folder lists all of them.
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>What will not import as is</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.issues.slice(0, LISTED).map((issue, index) => (
                <Table.Tr key={`${issue.rule}-${issue.recordId}-${index}`}>
                  <Table.Td>
                    {issue.entity} {issue.recordId}
                  </Table.Td>
                  <Table.Td>{issue.name}</Table.Td>
                  <Table.Td>{issue.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  )
}
