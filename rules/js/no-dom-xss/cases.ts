// Angular components: DomSanitizer.bypassSecurityTrustHtml switches Angular's own escaping off.
import { Component, OnInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

@Component({ selector: 'app-search-result', template: '<span [innerHTML]="searchValue"></span>' })
export class SearchResultComponent implements OnInit {
  searchValue?: SafeHtml;
  bannerHtml?: SafeHtml;

  constructor(private readonly route: ActivatedRoute, private readonly sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    const queryParam: string = this.route.snapshot.queryParams.q;
    if (queryParam) {
      // ruleid: no-dom-xss
      this.searchValue = this.sanitizer.bypassSecurityTrustHtml(queryParam);
    }
    // ok: no-dom-xss
    this.bannerHtml = this.sanitizer.bypassSecurityTrustHtml('<strong>Summer sale</strong>');
  }
}

export function renderStatus(element: HTMLElement, status: { code: number; text: string }): void {
  const code: number = Number(status.code);
  // ok: no-dom-xss
  element.innerHTML = `<span class="code">${code}</span>`;
  // ok: no-dom-xss
  element.textContent = status.text;
}
