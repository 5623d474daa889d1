/** The store dashboard: counts, sales by month, statuses, top products, countries. */
import '@mantine/charts/styles.css'
import { BarChart, LineChart } from '@mantine/charts'
import {
  Alert,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import type { Dashboard as DashboardData } from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { formatCents, formatCount } from './format.ts'
import { useLoad } from './useLoad.ts'

function Stat({
  label,
  value,
  note,
}: {
  label: string
  value: string
  note?: string
}) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {note && <Text size="xs">{note}</Text>}
    </Card>
  )
}

function ChartCard({
  title,
  children,
}: {
  title: string
  children: React.ReactNode
}) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  )
}

export function Dashboard({ storeId }: { storeId: string }) {
  const { value: data, error } = useLoad<DashboardData>(storeId, () =>
    unwrap(getApi().getDashboard({ storeId })),
  )

  if (error)
    return (
      <Alert color="red" title="The dashboard could not be built">
        {error}
      </Alert>
    )
  if (!data) return <Loader aria-label="Building the dashboard" />
  const symbol = data.currency.symbol
  const count = (entity: string) =>
    data.counts.find((c) => c.entity === entity)?.count ?? 0
  const months = data.months.map((m) => ({
    month: m.month,
    Orders: m.orders,
    Revenue: m.revenueCents / 100,
  }))

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Stat
          label="Orders"
          value={formatCount(data.sales.orders)}
          note="Without abandoned checkouts"
        />
        <Stat
          label="Revenue"
          value={formatCents(data.sales.revenueCents, symbol)}
          note="Order totals"
        />
        <Stat
          label="Abandoned checkouts"
          value={formatCount(data.abandoned.orders)}
          note={`Worth ${formatCents(data.abandoned.valueCents, symbol)}, kept apart from sales`}
        />
        <Stat label="Customers" value={formatCount(count('customers'))} />
        <Stat label="Products" value={formatCount(count('products'))} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard title="Orders by month (UTC)">
          <BarChart
            h={200}
            data={months}
            dataKey="month"
            series={[{ name: 'Orders', color: 'teal.6' }]}
          />
        </ChartCard>
        <ChartCard title="Revenue by month (UTC)">
          <LineChart
            h={200}
            data={months}
            dataKey="month"
            series={[{ name: 'Revenue', color: 'indigo.6' }]}
          />
        </ChartCard>
        <ChartCard title="Order statuses">
          <Table fz="sm" aria-label="Order statuses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Orders</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.statuses.map((status) => (
                <Table.Tr key={String(status.id)}>
                  <Table.Td>{status.label}</Table.Td>
                  <Table.Td ta="right">{formatCount(status.orders)}</Table.Td>
                  <Table.Td ta="right">
                    {formatCents(status.revenueCents, symbol)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ChartCard>
        <ChartCard title="Customers by country">
          <BarChart
            h={200}
            data={data.countries}
            dataKey="country"
            series={[
              { name: 'customers', label: 'Customers', color: 'grape.6' },
            ]}
          />
        </ChartCard>
        <ChartCard title="Top products by revenue">
          <Table fz="sm" aria-label="Top products">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th ta="right">Sold</Table.Th>
                <Table.Th ta="right">Revenue</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.topProducts.map((product, index) => (
                <Table.Tr key={`${product.catalogId ?? product.sku ?? index}`}>
                  <Table.Td>
                    {product.name ?? product.sku ?? 'Unknown product'}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatCount(product.quantity)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatCents(product.revenueCents, symbol)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ChartCard>
        <ChartCard title="Records in the archive">
          <Group gap="xs">
            {data.counts
              .filter((c) => c.count > 0)
              .map((c) => (
                <Text size="sm" key={c.entity}>
                  {c.label}: <b>{formatCount(c.count)}</b>
                </Text>
              ))}
          </Group>
        </ChartCard>
      </SimpleGrid>
    </Stack>
  )
}
