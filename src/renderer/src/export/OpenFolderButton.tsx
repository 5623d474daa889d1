/**
 * "Open folder" for a finished export. The folder path is always shown next
 * to the button, because a browser page cannot open a folder on the
 * computer and opening can fail in the desktop app too.
 */
import { Anchor, Button, Code, Group, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { getApi } from '../../api/index.ts'

/** Opens `folder` and returns a notice for the merchant, or null. */
export async function openFolder(folder: string): Promise<string | null> {
  const api = getApi()
  let reason: string | null
  try {
    const result = await api.openPath({ path: folder })
    reason = result.ok ? null : result.error.message
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error)
  }
  if (reason !== null) {
    return `Could not open the folder: ${reason} The files are in ${folder}.`
  }

  const info = await api.getAppInfo({}).catch(() => null)
  if (info?.ok && info.value.transport === 'bridge') {
    return (
      'A browser page cannot open folders on this computer. Open ' +
      `${folder} in your file manager.`
    )
  }
  return null
}

export function OpenFolderButton({
  folder,
  compact = false,
  label = 'Open folder',
}: {
  folder: string
  compact?: boolean
  label?: string
}) {
  const [notice, setNotice] = useState<string | null>(null)
  const open = (): void => {
    setNotice(null)
    void openFolder(folder).then(setNotice)
  }
  const button = compact ? (
    <Anchor component="button" size="xs" onClick={open}>
      {label}
    </Anchor>
  ) : (
    <Button onClick={open}>{label}</Button>
  )
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        {button}
        <Code aria-label="Export folder path">{folder}</Code>
      </Group>
      {notice !== null && (
        <Text size="xs" c="orange.9" role="status">
          {notice}
        </Text>
      )}
    </Stack>
  )
}
