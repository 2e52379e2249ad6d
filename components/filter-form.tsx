"use client";

import type { ComponentProps } from "react";

/**
 * A GET filter form: submitted by the browser as usual (works without JS), but a field left
 * at its "any" choice ("") stays out of the URL instead of adding `kind=&severity=`.
 * autoComplete="off": Chromium would otherwise restore the selects as they were left when
 * the page is opened again with Back, over the values the URL says.
 */
export function FilterForm({ applyOnChange = false, ...props }: Omit<ComponentProps<"form">, "method" | "ref" | "autoComplete"> & { applyOnChange?: boolean }) {
  return <form {...props} method="get" autoComplete="off" ref={applyOnChange ? setUpApplyOnChange : dropEmptyFields} />;
}

/**
 * `applyOnChange`: a choice in a select submits the form at once, as Grafana's and
 * Sentry's filters do; the form's Apply button (class `filter-apply`) is then hidden, and
 * stays for a browser without JS.
 */
function setUpApplyOnChange(form: HTMLFormElement) {
  const dropEmpty = dropEmptyFields(form);
  form.dataset.applyOnChange = "on";
  const onChange = (event: Event) => {
    if (event.target instanceof HTMLSelectElement) form.requestSubmit();
  };
  form.addEventListener("change", onChange);
  return () => {
    dropEmpty();
    form.removeEventListener("change", onChange);
    delete form.dataset.applyOnChange;
  };
}

function dropEmptyFields(form: HTMLFormElement) {
  const onFormData = ({ formData }: FormDataEvent) => {
    for (const name of new Set(formData.keys())) {
      const values = formData.getAll(name);
      if (!values.includes("")) continue;
      formData.delete(name);
      for (const value of values) if (value !== "") formData.append(name, value);
    }
  };
  form.addEventListener("formdata", onFormData);
  return () => form.removeEventListener("formdata", onFormData);
}
