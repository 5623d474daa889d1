/** Search across every record of the archive; a result opens in the detail panel. */
import { useState } from 'react'
import { Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { REVIEW_SEARCH_MAX } from '../../../shared/review-query.ts'
import type { SearchResult } from '../../../shared/ipc/channels/review.ts'
import { getApi } from '../../api/index.ts'
import { unwrap } from './api.ts'
import { useReview } from './state.ts'
import { useDebounced } from './useDebounced.ts'
import { useLoad } from './useLoad.ts'

export function SearchEverything({ storeId }: { storeId: string }) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim())
  const { value: results, error } = useLoad<SearchResult[] | null>(
    `${storeId}#${query}`,
    () =>
      query === ''
        ? Promise.resolve(null)
        : unwrap(getApi().searchArchive({ storeId, text: query, limit: 30 })),
  )
  const openRecord = useReview((s) => s.openRecord)
  const setTab = useReview((s) => s.setTab)

  const open = (result: SearchResult) => {
    setTab('browse')
    openRecord({ entity: result.entity, id: result.id })
    setText('')
  }

  return (
    <div style={{ position: 'relative', width: 340 }}>
      <TextInput
        aria-label="Search everything"
        placeholder="Search everything: name, email, SKU, order number"
        maxLength={REVIEW_SEARCH_MAX}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Escape' && setText('')}
      />
      {text.trim() !== '' && (results || error) && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          style={{
            position: 'absolute',
            zIndex: 20,
            top: '100%',
            left: 0,
            right: 0,
            maxHeight: 360,
            overflow: 'auto',
          }}
        >
          {error && (
            <Text c="red" size="sm">
              {error}
            </Text>
          )}
          {results && results.length === 0 && (
            <Text size="sm" p="xs">
              No record matches “{query}”.
            </Text>
          )}
          <Stack gap={0} role="list" aria-label="Search results">
            {results?.map((result) => (
              <UnstyledButton
                role="listitem"
                key={`${result.entity}-${result.id}`}
                onClick={() => open(result)}
                p="xs"
                className="review-search-result"
              >
                <Text size="xs">{result.entityLabel}</Text>
                <Text size="sm">{result.title}</Text>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      )}
    </div>
  )
}
