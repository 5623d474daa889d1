import { Image } from '@mantine/core'

/** Shows one of our own drawings of a portal or admin page, never a screenshot. */
export function Illustration({ src, alt }: { src: string; alt: string }) {
  return (
    <Image
      src={src}
      alt={alt}
      maw={480}
      radius="md"
      style={{ border: '1px solid var(--mantine-color-default-border)' }}
    />
  )
}
